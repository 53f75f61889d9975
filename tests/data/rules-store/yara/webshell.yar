// SPDX-License-Identifier: Apache-2.0
// Synthetic rule for the stored-rules tests: matches a marker text only.
rule Oberig_Test_Webshell_Marker
{
    meta:
        description = "synthetic webshell marker for oberig's tests"
        score = 80
    strings:
        $marker = "OBERIG-TEST-WEBSHELL-MARK"
    condition:
        $marker
}

rule Oberig_Test_Second_Marker
{
    meta:
        description = "synthetic second marker"
        score = 40
    strings:
        $marker = "OBERIG-TEST-SECOND-MARK"
    condition:
        $marker
}
