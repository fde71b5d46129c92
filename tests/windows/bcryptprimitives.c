/*
 * A stand-in for Windows' bcryptprimitives.dll, for the Wine checks only
 * (scripts/windows-test). Rust's standard library draws its random seeds
 * from ProcessPrng in bcryptprimitives.dll, which Windows 10 and later
 * have but Wine 8 (Debian 12's) lacks, so the .exe would not start under
 * it. This DLL exports ProcessPrng over RtlGenRandom (SystemFunction036 in
 * advapi32), which Wine has. It is copied next to the .exe in the test
 * folder only and is never part of the package: real Windows brings its
 * own. See docs/windows.md.
 */
#include <windows.h>

/* RtlGenRandom: declared here because ntsecapi.h needs extra defines. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Fills `data` with `length` random bytes; TRUE always, as on Windows.
 * RtlGenRandom takes a ULONG, so a larger request is filled in parts. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG part = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, part)) {
            /* Windows' ProcessPrng never fails; stopping is the only
             * honest answer when the source does. */
            ExitProcess(99);
        }
        data += part;
        length -= part;
    }
    return TRUE;
}
