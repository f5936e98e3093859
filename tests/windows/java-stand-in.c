/*
 * A stand-in for java.exe (and, copied as jbang.exe, for a learner's own JBang) under Wine: no
 * Windows JDK can be had where the tests run. It writes the arguments it received, one run a line,
 * each as [arg], to the file named by STAND_IN_LOG (UTF-8), so a test sees exactly what jbang.cmd
 * passed on, and it plays the part of each program jbang.cmd starts:
 *   jbang.exe ARGS                  prints "own jbang got: [ARGS...]", exits STAND_IN_RC (0)
 *   java.exe ... jbang-fetch.java   the fetcher: copies STAND_IN_FETCH_FROM to STAND_IN_FETCH_TO,
 *                                   or, when those are unset, says it failed and exits 1
 *   java.exe ... dev.jbang.Main --version   prints "0.132.1 (stand-in)"
 *   java.exe ... dev.jbang.Main ARGS  JBang's launcher protocol: with STAND_IN_ANSWER set, prints it
 *                                   (the command line to run) and exits 255; else prints
 *                                   "jbang got: [ARGS...]" and exits STAND_IN_RC (0). With
 *                                   STAND_IN_BUSY_MS set, it first works that long (a build),
 *                                   between the log lines "busy from" and "busy until". With
 *                                   STAND_IN_HALF_BUILT set, it plays a script whose jar an
 *                                   earlier build left without its Main-Class: unless --fresh
 *                                   comes first, it prints JBang's error and exits 2
 *   java.exe --child ARGS           the command line JBang answered: prints "child ran with:
 *                                   [ARGS...]" and exits STAND_IN_CHILD_RC (0)
 */
#include <windows.h>
#include <stdlib.h>
#include <wchar.h>

static void put(HANDLE h, const wchar_t *s) {
    static char bytes[65536];
    DWORD written;
    int n = WideCharToMultiByte(CP_UTF8, 0, s, -1, bytes, sizeof bytes, NULL, NULL);
    if (n > 1) WriteFile(h, bytes, n - 1, &written, NULL);
}

static const wchar_t *env(const wchar_t *name) {
    static wchar_t values[4][8192];
    static int next;
    wchar_t *value = values[next++ % 4];
    return GetEnvironmentVariableW(name, value, 8192) > 0 ? value : NULL;
}

static int code(const wchar_t *name) {
    const wchar_t *value = env(name);
    return value ? _wtoi(value) : 0;
}

/* The log opened for appending, or INVALID_HANDLE_VALUE when there is none. */
static HANDLE openLog(const wchar_t *logName) {
    if (!logName) return INVALID_HANDLE_VALUE;
    return CreateFileW(logName, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS, 0, NULL);
}

/* Appends a line to the log, when there is one. */
static void note(const wchar_t *logName, const wchar_t *line) {
    HANDLE log = openLog(logName);
    if (log != INVALID_HANDLE_VALUE) { put(log, line); CloseHandle(log); }
}

static void list(HANDLE out, const wchar_t *heading, int from, int argc, wchar_t **argv) {
    put(out, heading);
    for (int i = from; i < argc; i++) { put(out, L" ["); put(out, argv[i]); put(out, L"]"); }
    put(out, L"\r\n");
}

static int endsWith(const wchar_t *s, const wchar_t *end) {
    size_t n = wcslen(s), m = wcslen(end);
    return n >= m && _wcsicmp(s + n - m, end) == 0;
}

int wmain(int argc, wchar_t **argv) {
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    const wchar_t *logName = env(L"STAND_IN_LOG");
    HANDLE log = openLog(logName);
    if (log != INVALID_HANDLE_VALUE) {
        for (int i = 1; i < argc; i++) { put(log, L"["); put(log, argv[i]); put(log, L"]"); }
        put(log, L"\n");
        CloseHandle(log);
    }
    wchar_t self[MAX_PATH];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    if (endsWith(self, L"jbang.exe")) {
        list(out, L"own jbang got:", 1, argc, argv);
        return code(L"STAND_IN_RC");
    }
    if (argc > 1 && wcscmp(argv[1], L"--child") == 0) {
        list(out, L"child ran with:", 2, argc, argv);
        return code(L"STAND_IN_CHILD_RC");
    }
    int launcher = -1;
    for (int i = 1; i < argc; i++) {
        if (endsWith(argv[i], L"jbang-fetch.java")) {
            const wchar_t *from = env(L"STAND_IN_FETCH_FROM"), *to = env(L"STAND_IN_FETCH_TO");
            if (from && to && CopyFileW(from, to, FALSE)) return 0;
            put(GetStdHandle(STD_ERROR_HANDLE), L"stand-in fetcher: nothing to fetch from\r\n");
            return 1;
        }
        if (launcher < 0 && wcscmp(argv[i], L"dev.jbang.Main") == 0) launcher = i;
    }
    if (launcher > 0 && launcher + 1 < argc && wcscmp(argv[launcher + 1], L"--version") == 0) {
        put(out, L"0.132.1 (stand-in)\r\n");
        return 0;
    }
    if (env(L"STAND_IN_HALF_BUILT") && !(launcher + 1 < argc && wcscmp(argv[launcher + 1], L"--fresh") == 0)) {
        put(GetStdHandle(STD_ERROR_HANDLE), L"[jbang] [ERROR] no main class deduced, specified nor found in a manifest\r\n");
        return 2;
    }
    int busy = code(L"STAND_IN_BUSY_MS");
    if (busy > 0) {
        note(logName, L"busy from\n");
        Sleep(busy);
        note(logName, L"busy until\n");
    }
    const wchar_t *answer = env(L"STAND_IN_ANSWER");
    if (answer) { put(out, answer); put(out, L"\r\n"); return 255; }
    list(out, L"jbang got:", launcher + 1, argc, argv);
    return code(L"STAND_IN_RC");
}
