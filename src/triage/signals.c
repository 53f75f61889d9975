/* SPDX-License-Identifier: Apache-2.0 */
/* The persistence signal table: every reason `oberig persistence` can give
 * about an entry, and the advice that closes its listing, declared once. */
#include "core/i18n.h"
#include "oberig/persistence.h"

static const struct ob_signal_def signals[] = {
    [OB_PERSISTENCE_TEMP_FOLDER] =
        {
            .id = "persistence-temp-folder",
            .score = 60,
            .title = N_("starts a program kept in a temporary folder"),
            .summary = N_("The program that starts is in a temporary folder (`/tmp`, "
                          "`/var/tmp`, `/dev/shm`, a Windows `Temp` folder). Installers do "
                          "not leave programs there to start again; malware that was just "
                          "dropped often does."),
            .explanation = N_(
                /* TRANSLATORS: %s is the path of the program. */
                "the program \"%s\" is in a temporary folder, where no installed program "
                "is kept but freshly dropped malware often is"),
        },
    [OB_PERSISTENCE_USER_FOLDER] =
        {
            .id = "persistence-user-folder",
            .score = 40,
            .title = N_("starts a program kept in a user's own folder"),
            .summary = N_("The program that starts is in a folder any program the user runs "
                          "can write to (`AppData`, `Downloads`, `Users\\Public`). Some real "
                          "programs install there (chat and cloud-storage clients), so this "
                          "alone is only worth a look."),
            .explanation = N_(
                /* TRANSLATORS: %s is the path of the program. */
                "the program \"%s\" is in a folder the user's programs can write to; some "
                "real programs start from there, but so does much malware"),
        },
    [OB_PERSISTENCE_MISSING_PROGRAM] =
        {
            .id = "persistence-missing-program",
            .score = 40,
            .title = N_("points to a program that is not there"),
            .summary = N_("The program the entry starts does not exist on the disk. Often it "
                          "is what an uninstalled program left behind; it can also be malware "
                          "that deleted its file or that lives elsewhere."),
            .explanation = N_(
                /* TRANSLATORS: %s is the path of the program. */
                "\"%s\" does not exist: an uninstalled program left this behind, or the "
                "program was deleted after it was set to start"),
        },
    [OB_PERSISTENCE_PRELOAD_LIBRARY] =
        {
            .id = "persistence-preload-library",
            .score = 60,
            .title = N_("loads a library into every program"),
            .summary = N_("`/etc/ld.so.preload` (Linux) or `AppInit_DLLs` (Windows) names a "
                          "library. Every program then loads it; rootkits use this to hide "
                          "files and processes. Normal systems leave both empty."),
            .explanation = N_(
                /* TRANSLATORS: %s is the path of the library. */
                "every program started on this system loads \"%s\"; rootkits do this to "
                "hide themselves, and normal systems load nothing this way"),
        },
    [OB_PERSISTENCE_IFEO_DEBUGGER] =
        {
            .id = "persistence-ifeo-debugger",
            .score = 60,
            .title = N_("runs instead of another program"),
            .summary = N_("A `Debugger` value under `Image File Execution Options` makes "
                          "Windows start another program whenever the named one is started. "
                          "Developers rarely set it; malware uses it to start itself or to "
                          "block security tools."),
            .explanation = N_(
                /* TRANSLATORS: the first %s is a program name ("sethc.exe"), the second
                 * the command that starts instead. */
                "whenever \"%s\" is started, Windows starts \"%s\" instead"),
        },
    [OB_PERSISTENCE_WINLOGON] =
        {
            .id = "persistence-winlogon",
            .score = 70,
            .title = N_("changes what Windows starts at log-on"),
            .summary = N_("Winlogon's `Shell` is not `explorer.exe`, or its `Userinit` is not "
                          "`userinit.exe`. Windows starts these for every user who logs on; "
                          "malware adds itself to them."),
            .explanation = N_(
                /* TRANSLATORS: the first %s is the value name ("Shell"), the second its
                 * data. */
                "Winlogon's %s is \"%s\" instead of the standard program: it starts for "
                "every user who logs on"),
        },
    [OB_PERSISTENCE_SERVICE_DLL] =
        {
            .id = "persistence-service-dll",
            .score = 60,
            .title = N_("runs a service library from outside System32"),
            .summary = N_("A service's `ServiceDll` is outside `Windows\\System32` (and "
                          "`SysWOW64`). Windows' own shared services keep their libraries "
                          "there; one elsewhere runs with the service's rights at every start."),
            .explanation = N_(
                /* TRANSLATORS: %s is the path of the library. */
                "the service loads \"%s\", outside System32, with the service's rights at "
                "every start of the computer"),
        },
};

static const struct ob_advice_def advice[] = {
    {.id = "persistence-found",
     .text = N_(/* TRANSLATORS: follows the heading "What now:"; keep the lines shorter than
                   80 characters. */
                "some programs above start in a way malware uses. Do not delete them\n"
                "yet: scan the programs named (oberig scan), and share this list with\n"
                "your helpline, which can tell a real program from a planted one.")},
    {.id = "persistence-clean",
     .text = N_(/* TRANSLATORS: follows the heading "What now:"; keep the lines shorter than
                   80 characters. */
                "nothing above starts in a way that stands out. Programs you do not\n"
                "recognise are still worth a look: scan them with oberig scan.")},
};

static const struct ob_signal_table table = {
    .capability = "persistence",
    .signals = signals,
    .signal_count = sizeof(signals) / sizeof(signals[0]),
    .advice = advice,
    .advice_count = sizeof(advice) / sizeof(advice[0]),
};

const struct ob_signal_table *ob_persistence_signals(void)
{
    return &table;
}
