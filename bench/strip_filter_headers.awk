# SPDX-License-Identifier: Apache-2.0
# Removes the receiving mail service's own verdict from a message: the
# headers X-MS-Exchange-Organization-SCL, X-Forefront-Antispam-Report*,
# X-Microsoft-Antispam* and X-Spam-*, with their folded continuation lines,
# in the header block of the message (and of each message of an mbox). The
# body is copied unchanged. Used by bench_mail.sh to measure detection
# without the provider's verdict.
#
# usage: awk -f strip_filter_headers.awk message.eml > stripped.eml
BEGIN { in_headers = 1; dropping = 0 }
{
    line = $0
    sub(/\r$/, "", line)
    if (in_headers) {
        if (line == "") { in_headers = 0; dropping = 0; print; next }
        if (line ~ /^[ \t]/) { if (!dropping) print; next }
        name = tolower(line)
        if (name ~ /^x-ms-exchange-organization-scl[ \t]*:/ ||
            name ~ /^x-forefront-antispam-report[^:]*:/ ||
            name ~ /^x-microsoft-antispam[^:]*:/ ||
            name ~ /^x-spam-[^:]*:/) { dropping = 1; next }
        dropping = 0
        print
        next
    }
    # An mbox: a new message starts its own header block.
    if (line ~ /^From /) in_headers = 1
    print
}
