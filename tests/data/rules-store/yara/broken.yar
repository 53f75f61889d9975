// SPDX-License-Identifier: Apache-2.0
// Synthetic rule file that does not compile: it names an undefined identifier.
rule Oberig_Test_Broken
{
    condition:
        no_such_identifier_anywhere
}
