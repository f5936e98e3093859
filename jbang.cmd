@echo off
rem JBang wrapper: run this project's scripts with just Java and no JBang install.
rem Prefers a jbang already on the PATH, else runs the version pinned in
rem jbang-wrapper.properties, fetched once with Maven, or with the JDK alone
rem (jbang-fetch.java) where there is no Maven.
rem The launch protocol mirrors JBang's own launcher (src/main/scripts/jbang.cmd).
rem Delayed expansion stays off throughout, or "!" in arguments would be eaten.
setlocal EnableExtensions DisableDelayedExpansion

rem >>> Extra JVM options for the JBang launcher JVM only (not for your scripts):
rem C1 only and the serial GC: the launcher lives half a second, too short for C2 or
rem for GC threads to pay off. (The launch cache and class-data archive of ./jbang
rem are not done here: see docs/how-it-works.md. Its build lock, and the repair
rem of a half-built script, are: below.)
set "JBANG_LAUNCHER_JAVA_OPTS=-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC"

if defined JBANG_WRAPPER_NO_PATH goto :pinned
rem A jbang on the PATH that hands straight back to this wrapper (a .cmd that
rem runs it) would loop forever: after a few handovers in a row this wrapper
rem runs the pinned JBang itself.
rem Counted with set /a, which reads an unset count as 0: the count put straight into an if
rem is an if with nothing before GEQ where it is unset, a syntax error even behind an
rem "if defined" (cmd parses the whole line before it runs any of it), which Wine's cmd
rem reports and goes on from, and Windows' cmd ends the batch file on.
set "jw_handovers=0"
set /a "jw_handovers=JBANG_WRAPPER_HANDOVERS" >nul 2>nul
if %jw_handovers% GEQ 4 goto :pinned
rem Skip every copy of this wrapper, ourselves included: each sits beside a
rem jbang-wrapper.properties. cmd and "where" both look in the current folder
rem first, so a second clone on the PATH would hand back to this one, forever.
rem Only runnable extensions count (this folder's bash "jbang" or a jbang.ps1
rem must not be picked).
for /f "delims=" %%P in ('where jbang 2^>nul') do (
  if not exist "%%~dpPjbang-wrapper.properties" (
    if /i "%%~xP"==".cmd" (set "jw_other=%%~fP" & goto :delegate)
    if /i "%%~xP"==".bat" (set "jw_other=%%~fP" & goto :delegate)
    if /i "%%~xP"==".exe" (set "jw_other=%%~fP" & goto :delegate)
  )
)
goto :pinned
:delegate
rem Without "call": call expands the arguments' % a second time ("%%OS%%"
rem would arrive as the value of OS). A batch file takes over for good and
rem ends with its own exit code; a program comes back here.
set /a JBANG_WRAPPER_HANDOVERS+=1 >nul
"%jw_other%" %*
exit /b %ERRORLEVEL%

:pinned
set "jw_version="
for /f "usebackq eol=# tokens=1,* delims== " %%A in ("%~dp0jbang-wrapper.properties") do (
  if "%%A"=="jbang.version" set "jw_version=%%B"
)
if not defined jw_version (
  echo jbang wrapper: no jbang.version in "%~dp0jbang-wrapper.properties" 1>&2
  exit /b 1
)

rem Plain "set" lines (not inside parentheses) so paths with ")" are safe.
set "jw_cache=%USERPROFILE%\.jbang-wrapper"
if defined JBANG_WRAPPER_HOME set "jw_cache=%JBANG_WRAPPER_HOME%"
set "jw_m2=%USERPROFILE%\.m2\repository"
if defined MAVEN_REPO set "jw_m2=%MAVEN_REPO%"
set "jw_jar=%jw_cache%\jbang-cli-%jw_version%-all.jar"
set "jw_m2jar=%jw_m2%\dev\jbang\jbang-cli\%jw_version%\jbang-cli-%jw_version%-all.jar"
rem %RANDOM% is seeded per second, so add centiseconds to keep names of
rem wrappers started together apart.
set "jw_id=%RANDOM%-%TIME:~-5%"
set "jw_java=java.exe"
if defined JAVA_HOME set "jw_java=%JAVA_HOME%\bin\java.exe"
rem A JAVA_HOME set with its quotes ("C:\Program Files\...") would be quoted twice below.
set "jw_java=%jw_java:"=%"

if exist "%jw_jar%" goto :run
if not exist "%jw_cache%\" mkdir "%jw_cache%"
if exist "%jw_m2jar%" goto :install
where mvn >nul 2>nul || goto :fetch
echo Fetching JBang %jw_version% with Maven (once)... 1>&2
rem "call" because mvn is a .cmd (without it we would never come back).
rem Always pass the repo we look in, so a custom localRepository in
rem settings.xml can't put the jar elsewhere; <nul keeps Maven off stdin
rem meant for the script. Output is only shown if Maven fails.
set "jw_log=%jw_cache%\mvn-%jw_id%.log"
call mvn -q -B dependency:get "-Dartifact=dev.jbang:jbang-cli:%jw_version%:jar:all" "-Dmaven.repo.local=%jw_m2%" <nul >"%jw_log%" 2>&1
if errorlevel 1 goto :mvnfailed
del /f /q "%jw_log%"
goto :install

:mvnfailed
type "%jw_log%" 1>&2
del /f /q "%jw_log%"
:fetch
rem No Maven (or it failed): the JDK fetches the jar itself into the same
rem place, and says why when it cannot (C1 alone and the serial collector:
rem the source launcher's compile is a short run, as in ./jbang).
if exist "%jw_m2jar%" goto :install
"%jw_java%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "%~dp0jbang-fetch.java" "%~dp0jbang-wrapper.properties" "%jw_m2%" "%USERPROFILE%\.m2\settings.xml" <nul || exit /b 1

:install
rem Copy via temp file + rename so a wrapper starting concurrently never sees
rem a half-written jar. If the rename loses a race, the winner's jar is fine.
set "jw_part=%jw_jar%.%jw_id%.tmp"
copy /y "%jw_m2jar%" "%jw_part%" >nul 2>nul || goto :nocopy
move /y "%jw_part%" "%jw_jar%" >nul 2>nul
if exist "%jw_part%" del /f /q "%jw_part%"
if exist "%jw_jar%" goto :run
:nocopy
echo jbang wrapper: JBang %jw_version% was fetched to "%jw_m2jar%" but could not be copied to "%jw_cache%". 1>&2
exit /b 1

:run
rem A step or tool of the tutorial named by its path from outside the tutorial's folder (cd C:\temp,
rem then C:\tutorial\jbang.cmd C:\tutorial\steps\06_verify.java): it finds library.db and the changelog
rem from the folder it runs in, so it could say only that this one is not the tutorial's. Said, with
rem where to run it, as ./jbang says it; from the tutorial's folder or one inside it, it runs.
set "jw_root=%~dp0"
set "jw_script="
if /i "%~x1"==".java" set "jw_script=%~f1"
if "%~1"=="--deps" if /i "%~x3"==".java" set "jw_script=%~f3"
if "%~1"=="run" if /i "%~x2"==".java" set "jw_script=%~f2"
if "%~1"=="--verbose" if /i "%~x2"==".java" set "jw_script=%~f2"
if not defined jw_script goto :launch
if not exist "%jw_script%" goto :launch
rem (at a drive's root, T:\ after a subst say, the current folder ends in a backslash already)
set "jw_walk=%CD%"
if not "%jw_walk:~-1%"=="\" set "jw_walk=%jw_walk%\"
set "jw_rel="
call :within
if defined jw_rel goto :launch
for %%S in ("%jw_script%") do (set "jw_walk=%%~dpS" & set "jw_rel=%%~nxS")
call :within
if not defined jw_rel goto :launch
rem Echoed with delayed expansion: a folder named R&D or (x86) is printed, not run.
set "jw_top=%jw_root:~0,-1%"
if "%jw_top:~-1%"==":" set "jw_top=%jw_root%"
rem Outside the tutorial (this wrapper copied beside a program of the learner's own), said as that.
set "jw_own="
if not exist "%jw_root%steps\" set "jw_own=yes"
if not exist "%jw_root%liquibase.properties" set "jw_own=yes"
set "jw_what=is part of the tutorial in"
set "jw_after="
if defined jw_own set "jw_what=is in"
if defined jw_own set "jw_after=, beside this jbang.cmd, and reads its files from the folder it runs in"
setlocal EnableDelayedExpansion
>&2 echo !jw_rel! !jw_what! !jw_top!!jw_after!: run it from there (cd /d "!jw_top!"), as jbang.cmd !jw_rel!.
exit /b 2

:launch
rem JBang's launcher protocol: exit code 255 means the output holds a command
rem line, quoted for JBANG_RUNTIME_SHELL (it assumes powershell on Windows if
rem unset), which we then run. Output goes through a file because cmd can't
rem capture it otherwise; JBang can't see the console, so we tell it whether
rem stdin is one ("timeout" fails when stdin is redirected).
set "JBANG_RUNTIME_SHELL=cmd"
set "JBANG_LAUNCH_CMD=%~f0"
2>nul >nul timeout /t 0 && (set JBANG_STDIN_NOTTY=false) || (set JBANG_STDIN_NOTTY=true)
set "jw_out=%jw_cache%\out-%jw_id%.tmp"
rem Build lock, as ./jbang has it: JBang's launcher builds what it has not built yet in a
rem cache shared by every project and window, and two builds at once can leave an entry
rem half-written there (jbangdev/jbang#2445), so the launcher runs under one lock, a folder
rem in JBang's cache (mkdir either makes it or fails: atomic) holding a file named after
rem the run that holds it, removed once JBang has answered. cmd cannot tell whether that run
rem is still alive: a lock one holder has kept for two minutes (longer than any build of
rem this project) was left by a run that was stopped (Ctrl-C, a closed window), and is taken
rem over (JBANG_WRAPPER_LOCK_WAIT sets those seconds). Unlike ./jbang, which skips JBang when
rem it can, every run here goes through JBang, so every run takes the lock.
set "jw_builds=%USERPROFILE%\.jbang\cache"
if defined JBANG_DIR set "jw_builds=%JBANG_DIR%\cache"
if defined JBANG_CACHE_DIR set "jw_builds=%JBANG_CACHE_DIR%"
if not exist "%jw_builds%\" mkdir "%jw_builds%" 2>nul
set "jw_lock=%jw_builds%\.wrapper-build.lock.d"
set "jw_waited=0"
set "jw_seen="
set "jw_tries=0"
set "jw_patience=120"
rem Taken only when it is a whole number as typed: set /a reads 2m as 2, and an if would compare it as text.
set "jw_wait="
if defined JBANG_WRAPPER_LOCK_WAIT set /a "jw_wait=JBANG_WRAPPER_LOCK_WAIT" >nul 2>nul
if defined jw_wait if "%jw_wait%"=="%JBANG_WRAPPER_LOCK_WAIT%" set "jw_patience=%jw_wait%"
:lock
mkdir "%jw_lock%" 2>nul && goto :locked
rem No lock there and none made: let go of just now (this try takes it), or the cache folder
rem cannot be written at all (read-only, another user's, a full disk), which would wait here for good.
if not exist "%jw_lock%\" mkdir "%jw_lock%" 2>nul && goto :locked
rem (another waiter may have taken a stopped holder's lock away just now: three tries in a row tell)
if not exist "%jw_lock%\" set /a "jw_tries+=1"
if not exist "%jw_lock%\" if %jw_tries% geq 3 goto :unwritable
if not exist "%jw_lock%\" goto :lock
set "jw_tries=0"
if not defined jw_seen echo [jbang] Waiting for another build of a script to finish... 1>&2
rem Another holder since the last look (or the first look): the two minutes start again.
set "jw_holder=?"
for /f "delims=" %%H in ('dir /b "%jw_lock%" 2^>nul') do set "jw_holder=%%H"
if not "%jw_holder%"=="%jw_seen%" set "jw_waited=0"
set "jw_seen=%jw_holder%"
call :tick
if %jw_waited% lss %jw_patience% goto :lock
echo [jbang] Taking over the build lock: the run that held it for %jw_patience% seconds was stopped. 1>&2
rmdir /s /q "%jw_lock%" 2>nul
set "jw_waited=0"
goto :lock
:unwritable
setlocal EnableDelayedExpansion
>&2 echo Cannot write in JBang's cache folder, !jw_builds!: nothing was run.
set "jw_setting=JBANG_DIR"
if defined JBANG_CACHE_DIR set "jw_setting=JBANG_CACHE_DIR"
>&2 echo Make it yours and writable, or set !jw_setting! to a folder of your own.
exit /b 1
:locked
type nul >"%jw_lock%\%jw_id%"
rem The redirect comes first: after %*, an odd " in the arguments would make it
rem part of the last argument.
>"%jw_out%" "%jw_java%" %JBANG_LAUNCHER_JAVA_OPTS% %JBANG_JAVA_OPTIONS% -classpath "%jw_jar%" dev.jbang.Main %*
set "jw_err=%ERRORLEVEL%"
rem A build left half-done (a jar without its Main-Class, from two builds at once before this
rem lock or from a JBang of your own, which takes none) fails the same way on every run after:
rem JBang's "no main class deduced", exit 2. So when JBang's launcher exits 2 for a script that
rem is a file, it runs once more with --fresh, which builds the script again, under the same
rem lock. (./jbang removes such an entry before JBang's launcher runs; cmd cannot read a jar.)
rem The launcher's line is written out again, not made a "call :label": call would double
rem every ^ and expand every % in the arguments a second time.
if not "%jw_err%"=="2" goto :answered
if not exist "%~1" goto :answered
set "jw_built=%~n1"
setlocal EnableDelayedExpansion
>&2 echo [jbang] Building !jw_built! again: its last build was not seen to finish.
endlocal
>"%jw_out%" "%jw_java%" %JBANG_LAUNCHER_JAVA_OPTS% %JBANG_JAVA_OPTIONS% -classpath "%jw_jar%" dev.jbang.Main --fresh %*
set "jw_err=%ERRORLEVEL%"
:answered
rmdir /s /q "%jw_lock%" 2>nul
if not "%jw_err%"=="255" goto :print
rem Read the first line with a goto out of the loop: %jw_cmdline% must be
rem expanded on a line parsed after it is set.
set "jw_cmdline="
for /f "usebackq delims=" %%L in ("%jw_out%") do (set "jw_cmdline=%%L" & goto :exec)
:exec
del /f /q "%jw_out%"
%jw_cmdline%
exit /b %ERRORLEVEL%
:print
type "%jw_out%"
del /f /q "%jw_out%"
rem The models' file gone (moved, deleted) while a script that reads them runs: JBang stops on its
rem //DEPS with an error of its own ("resourceRef" is null, exit 4). Said after it, with the way
rem back, in the tutorial's folder (./jbang says it before JBang starts; cmd cannot read the
rem script's header and the catalog as cheaply).
if not "%jw_err%"=="4" exit /b %jw_err%
if exist "%~dp0steps\models\Models.java" exit /b %jw_err%
if not exist "%~dp0jbang-catalog.json" exit /b %jw_err%
rem The script's word: past JBang's run, a --deps and its coordinates, or one option (--verbose).
set "jw_named=%~1"
if "%~1"=="run" set "jw_named=%~2"
if "%~1"=="--deps" set "jw_named=%~3"
rem Never the substring of an unset name: cmd leaves it unexpanded, and the if below is then no if.
if not defined jw_named set "jw_named=this command"
if "%jw_named:~0,1%"=="-" set "jw_named=%~2"
if not defined jw_named set "jw_named=this command"
if "%jw_named:~0,1%"=="-" set "jw_named=this command"
if "%jw_named:~-2%"=="@." set "jw_named=%jw_named:~0,-2%"
setlocal EnableDelayedExpansion
>&2 echo steps/models/Models.java is missing (moved or deleted), and !jw_named! reads the models. Nothing was run.
>&2 echo Put it back, from the tutorial's folder: git checkout HEAD -- steps/models/Models.java (your last committed version), or jbang.cmd reset to start the lesson over.
exit /b 1

rem Sets jw_rel to the path of jw_rel in the folder jw_walk (ending in \), from the tutorial's folder
rem (. for that folder itself), or to nothing when it lies outside it: walked up a folder at a
rem time, as cmd has no test of how a path starts.
:within
if /i "%jw_walk%"=="%jw_root%" (
  if not defined jw_rel set "jw_rel=."
  exit /b 0
)
set "jw_name="
for %%D in ("%jw_walk%.") do (set "jw_walk=%%~dpD" & set "jw_name=%%~nxD")
if not defined jw_name (
  set "jw_rel="
  exit /b 0
)
if defined jw_rel (set "jw_rel=%jw_name%\%jw_rel%") else (set "jw_rel=%jw_name%")
goto :within

rem Waits about a second, and counts it in jw_waited: ping's second echo to this machine,
rem the one wait of cmd that works with input redirected (timeout refuses it).
:tick
ping -n 2 127.0.0.1 >nul 2>nul
set /a jw_waited+=1
exit /b 0
