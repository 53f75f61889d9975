// SPDX-License-Identifier: Apache-2.0
// Example rules for the oberig demo. They detect only the synthetic files
// that examples/make-tree.sh writes, and show the Loki/THOR externals.

rule Demo_EICAR_Test_File
{
    meta:
        description = "The EICAR anti-virus test file: harmless, used to check that scanners work"
        score = 100
    strings:
        $eicar = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE"
    condition:
        $eicar at 28
}

rule Demo_PHP_Command_Webshell
{
    meta:
        description = "PHP script that runs commands sent in a web request: a typical web shell"
        score = 80
    strings:
        $php = "<?php"
        $request = "$_REQUEST[" nocase
        $exec = /system\w*\(\$_REQUEST/
    condition:
        $php at 0 and $request and $exec and filetype == "PHP"
}

rule Demo_Executable_In_Downloads
{
    meta:
        description = "A Windows program saved in a user's Downloads folder"
        score = 20
    condition:
        uint16(0) == 0x5a4d and filepath contains "Downloads"
}
