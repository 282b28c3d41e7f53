"""``python -m locker`` opens the GUI (the ``locker`` command is the CLI)."""

from locker.gui.app import main

raise SystemExit(main())
