"""Garbage is collected on the GUI thread only (a dead widget's wrapper destroyed by a
training thread's collection deadlocked the GUI thread and the job in ~QMenu)."""

import gc
import threading
import weakref


def test_cycles_are_collected_on_the_gui_thread(qtbot):
    from mnist_desktop.gui.app import make_app

    make_app()
    assert not gc.isenabled()          # no collection in whatever thread allocates

    where = []

    class Node:
        def __del__(self):
            where.append(threading.current_thread() is threading.main_thread())

    node = Node()
    node.me = node                      # a cycle: only the collector frees it
    gone = weakref.ref(node)
    del node

    kept = []

    def allocate():                     # a job thread allocating far past the threshold
        kept.extend([] for _ in range(gc.get_threshold()[0] * 5))

    t = threading.Thread(target=allocate)
    t.start()
    t.join()
    assert gone() is not None           # the job thread did not collect it
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    assert where == [True]
