"""`python -m paystack_contracts` is the same as the `paystack-contracts` command."""

from paystack_contracts.cli import main

if __name__ == "__main__":
    main()
