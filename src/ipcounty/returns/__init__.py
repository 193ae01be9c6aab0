"""Township returns: the template townships fill in, and the reader that checks what comes back."""
