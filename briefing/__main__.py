"""Run the command line as `python -m briefing`."""

from briefing.cli import exit_now, main

exit_now(main())
