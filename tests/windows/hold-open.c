/*
 * Holds a file open the way Excel holds an open workbook: read and write
 * access, share mode 0 (no other process may open, replace or delete it),
 * for scripts/windows-test. Usage:
 *
 *   hold-open.exe FILE READY STOP
 *
 * Opens FILE, then creates the file READY so the script knows the lock is
 * in place, then waits until the file STOP exists and closes FILE. Exits 3
 * when FILE cannot be opened, and after 10 minutes without STOP, so a
 * failed script never leaves it running for ever.
 */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 4) {
        fwprintf(stderr, L"usage: hold-open FILE READY STOP\n");
        return 3;
    }
    HANDLE held = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0 /* no sharing */, NULL,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (held == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"hold-open: cannot open %ls (error %lu)\n", argv[1], GetLastError());
        return 3;
    }
    HANDLE ready = CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (ready == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"hold-open: cannot create %ls (error %lu)\n", argv[2], GetLastError());
        CloseHandle(held);
        return 3;
    }
    CloseHandle(ready);
    for (int waited = 0; GetFileAttributesW(argv[3]) == INVALID_FILE_ATTRIBUTES; waited += 100) {
        if (waited >= 10 * 60 * 1000) {
            fwprintf(stderr, L"hold-open: no %ls after 10 minutes; giving up\n", argv[3]);
            CloseHandle(held);
            return 3;
        }
        Sleep(100);
    }
    CloseHandle(held);
    return 0;
}
