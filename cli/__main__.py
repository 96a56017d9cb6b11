"""`python -m leakfix` runs the command line."""
from leakfix.app import main

main()
