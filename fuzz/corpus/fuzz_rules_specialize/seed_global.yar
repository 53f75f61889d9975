global rule g { condition: uint16(0) == 0x5a4d }
rule in_g { strings: $a = "PE-MARK" condition: $a }
