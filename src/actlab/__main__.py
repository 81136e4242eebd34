"""``python -m actlab``."""

from actlab.cli import main

if __name__ == "__main__":
    main()
