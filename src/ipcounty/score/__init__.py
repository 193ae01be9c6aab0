"""考核评分: points per unit from the plan's ``scoring:`` rules, each point explained, and the ranking."""
