from ipcounty.cli import main

main()
