"""`python -m bench.corpus`: see the package's docstring."""

from bench.corpus import main

main()
