import "pe"
import "math"
rule p { condition: uint16(0) == 0x5a4d and not pe.is_pe and math.entropy(0, filesize) > 1 }
