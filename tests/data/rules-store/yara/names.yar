// SPDX-License-Identifier: Apache-2.0
// Synthetic rule for the stored-rules tests: reads the per-file externals.
rule Oberig_Test_Cloaked_Invoice
{
    meta:
        description = "a program named as an invoice document"
        score = 70
    condition:
        filename matches /^invoice.*\.pdf\.exe$/ and extension == ".exe"
}
