/* rule fake { condition: uint16(0) == 0x5a4d } */
import "pe"
rule lits : tag1 tag2 {
  meta: note = "} rule { \" //" score = 60
  strings:
    $a = "}{ /* \"" ascii wide
    $b = /a\/b{1,3}[}]/ nocase
    $c = { 4D 5A [2-4] ( 90 | ?? ) // a hex comment
           00 }
  condition: // uint16(0) == 0x5a4d and
    any of them and filesize / 2 < 10 and (pe.imphash() == "1" or #a > 2) or
    uint16be(0) == 0x4d5a and for any i in (0..pe.number_of_sections - 1) : (pe.sections[i].name == ".x")
}
private rule p { condition: 0x5a4d == uint16(0) and not pe.is_dll() }
rule q { strings: $x = "y" condition: $x at pe.entry_point or (p and $x) }
