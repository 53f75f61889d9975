import "pe"
rule mz_only { strings: $a = "PE-MARK" condition: uint16(0) == 0x5a4d and $a }
rule mz_or_string {
    strings: $a = "PE-MARK" $b = "OTHER"
    condition: uint16(0) == 0x5a4d and pe.imphash() == "00" and $b or $a
}
rule not_pe_and_string { strings: $a = "PE-MARK" condition: not pe.is_pe and $a }
rule pe_field_false { strings: $a = "PE-MARK" condition: $a and pe.number_of_sections == 0 }
rule not_undefined { strings: $a = "PE-MARK" condition: $a and not pe.number_of_sections > 0 }
rule at_entry { strings: $a = "PE-MARK" condition: $a at pe.entry_point or $a at 0 }
rule referenced_guarded { condition: uint16(0) == 0x5a4d }
rule uses_ref { strings: $a = "PE-MARK" condition: $a and not referenced_guarded }
rule at_entry_only { strings: $a = "PE-MARK" condition: $a at pe.entry_point }
