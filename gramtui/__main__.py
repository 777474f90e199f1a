from gramtui.cli import main

raise SystemExit(main())
