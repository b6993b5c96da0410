"""The chunks libewf found damaged, asked of libewf itself.

libewf checks each chunk's checksum as it reads, reads a failing chunk as zeros and keeps the failing sector
ranges in the handle (what `ewfverify` prints as checksum errors). pyewf does not expose that list, but its
extension module carries libewf whole and, on Linux, exports libewf's functions: they are called through
ctypes with the handle pyewf holds. That handle is the first field after the Python object header of
pyewf's handle object, a layout relied on only for the pyewf versions named here and checked before any use
(the media size libewf gives through it must be pyewf's). Elsewhere (a build that exports nothing, another
pyewf) the list is simply not known: the digests alone tell a damaged image, as before."""

import ctypes

KNOWN_VERSIONS = {"20260924"}  # pyewf releases whose handle object has been checked to hold the pointer there
_lib = None


def _library():
    """pyewf's extension module as a ctypes library with the three functions typed, or None."""
    global _lib
    if _lib is None:
        import pyewf

        _lib = False
        if pyewf.get_version() in KNOWN_VERSIONS:
            try:
                lib = ctypes.CDLL(pyewf.__file__)
                functions = (lib.libewf_handle_get_media_size, lib.libewf_handle_get_number_of_checksum_errors,
                             lib.libewf_handle_get_checksum_error)
            except (OSError, AttributeError):  # not exported (Windows builds), or not loadable
                return None
            pointer, out = ctypes.c_void_p, ctypes.POINTER
            functions[0].argtypes = [pointer, out(ctypes.c_uint64), out(pointer)]
            functions[1].argtypes = [pointer, out(ctypes.c_uint32), out(pointer)]
            functions[2].argtypes = [pointer, ctypes.c_uint32, out(ctypes.c_uint64), out(ctypes.c_uint64), out(pointer)]
            for function in functions:
                function.restype = ctypes.c_int
            _lib = lib
    return _lib or None


def _handle_pointer(handle, lib) -> ctypes.c_void_p | None:
    """libewf's handle inside pyewf's handle object, when libewf confirms it (its media size is pyewf's)."""
    address = ctypes.c_void_p.from_address(id(handle) + object.__basicsize__).value
    if not address:
        return None
    pointer, size, error = ctypes.c_void_p(address), ctypes.c_uint64(), ctypes.c_void_p()
    if lib.libewf_handle_get_media_size(pointer, ctypes.byref(size), ctypes.byref(error)) != 1:
        return None
    return pointer if size.value == handle.get_media_size() else None


def checksum_errors(handle) -> list[tuple[int, int]] | None:
    """[(first byte, byte count)] of the sector ranges libewf found failing their checksum so far; None when
    libewf cannot be asked here."""
    lib = _library()
    if lib is None:
        return None
    pointer = _handle_pointer(handle, lib)
    if pointer is None:
        return None
    count, error = ctypes.c_uint32(), ctypes.c_void_p()
    if lib.libewf_handle_get_number_of_checksum_errors(pointer, ctypes.byref(count), ctypes.byref(error)) != 1:
        return None
    sector = handle.get_bytes_per_sector()
    found = []
    for index in range(count.value):
        first, number = ctypes.c_uint64(), ctypes.c_uint64()
        if lib.libewf_handle_get_checksum_error(pointer, index, ctypes.byref(first), ctypes.byref(number),
                                                ctypes.byref(error)) != 1:
            return None
        found.append((first.value * sector, number.value * sector))
    return found
