import sys

from mnist_desktop.cli import main

sys.exit(main())
