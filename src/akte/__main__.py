from akte.cli import main

main()
