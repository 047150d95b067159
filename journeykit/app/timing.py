"""How long a page's cell and an unwatched page kernel may take: shared by `journeykit serve`
and a hub user's server, in a module that imports nothing heavy."""

CELL_SECONDS = 150
"""A page's cell that runs longer is interrupted (Voila's renders can stall under load)."""
KERNEL_IDLE_SECONDS = 60
"""A page's kernel with no browser connected (a tab closed before its page finished, a
laptop that left) is shut down once idle this long: Voila does not shut a kernel down when
its tab goes away, and forty half-opened pages held 6.5 GB for the 15 minutes Voila waits.
A kernel a browser is connected to is never shut down for being idle."""
