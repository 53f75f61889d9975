/* SPDX-License-Identifier: Apache-2.0 */
/* The mail signal table: every reason oberig mail can give, the other
 * wordings of their explanations, and the advice that goes with a verdict,
 * declared once. */
#include "core/i18n.h"
#include "mail/mail_internal.h"

/* TRANSLATORS: the explanation of an attachment known by its name: the
 * attachment's name, then what it is in plain words ("a Windows program"). */
#define ATTACHMENT_BY_NAME                                                                         \
    N_("The attachment '%s' is %s. Do not open it unless you expected exactly this file from "     \
       "this sender.")

static const struct ob_signal_def signals[] = {
    /* ---- check_auth.c: what the receiving servers recorded ---- */
    [OB_MAIL_SIGNAL_FILTER_PHISHING] =
        {
            .id = "filter-phishing",
            .score = 50,
            .summary = N_(
                "The receiving service's filter already classed it as phishing, spoofing or "
                "impersonation (`X-Forefront-Antispam-Report` `CAT:PHSH`, `SPOOF`, "
                "`DIMP`...)."),
            .explanation = N_(
                "The receiving mail service's own filter already classified this message "
                "as phishing or impersonation."),
        },
    [OB_MAIL_SIGNAL_FILTER_SPAM] =
        {
            .id = "filter-spam",
            .score = 30,
            .score_max = 40, /* high-confidence spam: OB_MAIL_WORDING_FILTER_SPAM_HIGH */
            .score_note = N_("40 / 30"),
            .summary = N_(
                "The receiving service's filter rated it high-confidence spam (Microsoft SCL "
                "7–9, `CAT:HSPM`) / spam (SCL 5–6, `CAT:SPM`, delivered to Junk `dest:J`, "
                "SpamAssassin `X-Spam-Flag: YES`). Those headers are removed from incoming "
                "mail by the service, so senders cannot plant them; a low level proves "
                "nothing."),
            .explanation = N_(
                "The receiving mail service's own filter already rated this message as "
                "spam. Its filters see every copy of a mass mailing, which one message "
                "cannot show."),
        },
    [OB_MAIL_SIGNAL_AUTH_DMARC_FAIL] =
        {
            .id = "auth-dmarc-fail",
            .score = 40,
            .summary = N_("The From domain's DMARC policy rejects the sending server."),
            .explanation = N_(
                /* TRANSLATORS: the From domain */
                "The message says it comes from %s, but that domain's own rules (DMARC) "
                "say the server that sent it was not allowed to. Forged senders look "
                "like this."),
        },
    [OB_MAIL_SIGNAL_AUTH_NO_DMARC] =
        {
            .id = "auth-no-dmarc",
            .score = 10,
            .summary = N_("The From domain publishes no valid DMARC policy."),
            .explanation = N_(
                /* TRANSLATORS: the From domain */
                "The sender's domain %s has no valid DMARC policy, so nothing stops "
                "others from sending mail in its name. Many small domains lack one, so "
                "this weighs little."),
        },
    [OB_MAIL_SIGNAL_AUTH_COMPAUTH_FAIL] =
        {
            .id = "auth-compauth-fail",
            .score = 10,
            .score_max = 30, /* 30 alone, 10 beside auth-dmarc-fail, which says it already */
            .score_note = N_("30 (10 with a DMARC failure)"),
            .summary = N_("Microsoft's composite authentication failed."),
            .explanation = N_(
                /* TRANSLATORS: the From domain */
                "Microsoft's mail servers could not confirm that the message really "
                "comes from %s (composite authentication failed)."),
        },
    [OB_MAIL_SIGNAL_AUTH_SPF_FAIL] =
        {
            .id = "auth-spf-fail",
            .score = 20,
            .summary = N_("The sending server is not allowed by the envelope domain's SPF record."),
            .explanation = N_(
                /* TRANSLATORS: the envelope (smtp.mailfrom) domain */
                "The server that sent this message is not one that %s allows to send its "
                "mail (SPF failed)."),
        },
    [OB_MAIL_SIGNAL_AUTH_SPF_SOFTFAIL] =
        {
            .id = "auth-spf-softfail",
            .score = 10,
            .summary = N_("The sending server is probably not allowed by the envelope domain's SPF "
                          "record (soft fail)."),
            .explanation = N_(
                /* TRANSLATORS: the envelope (smtp.mailfrom) domain */
                "The server that sent this message is probably not one that %s uses (SPF "
                "soft fail)."),
        },
    [OB_MAIL_SIGNAL_AUTH_DKIM_FAIL] =
        {
            .id = "auth-dkim-fail",
            .score = 15,
            .summary = N_("A DKIM signature is present and broken (and none passed)."),
            .explanation = N_(
                "The message carries a digital signature (DKIM) that does not match: it "
                "was changed on the way or the signature is forged."),
        },
    [OB_MAIL_SIGNAL_AUTH_UNVERIFIED] =
        {
            .id = "auth-unverified",
            .score = 25,
            .summary = N_("Neither SPF nor DKIM nor DMARC passed."),
            .explanation = N_(
                "Nothing about the sender could be verified: no valid signature, and the "
                "sending server is not registered for the sender's domain."),
        },
    [OB_MAIL_SIGNAL_AUTH_PASS] =
        {
            .id = "auth-pass",
            .score = 0,
            .summary = N_(
                "Something passed; shown to say that a pass proves little. It names the "
                "aligned domain (DMARC's relaxed alignment: the From domain verified by DKIM "
                "or SPF), or says that the passes were for other domains, and which; the "
                "evidence ends with `header.d=` and `aligned=`."),
            .explanation = N_(
                /* TRANSLATORS: what the alignment shows, one sentence after a space, or "" */
                "Some sender checks passed (SPF, DKIM or DMARC). That only shows which "
                "domain sent it, not that the sender is honest: attackers send from "
                "look-alike domains they own, and those pass too.%s"),
        },

    /* ---- check_auth.c: the forwarded (attached) message's own headers ---- */
    [OB_MAIL_SIGNAL_FORWARDED_FILTER_PHISHING] =
        {
            .id = "forwarded-filter-phishing",
            .score = 50,
            .summary = N_("The service that first received the attached message had classed it "
                          "as phishing, spoofing or impersonation."),
            .explanation = N_(
                "The message was forwarded as an attachment, and the mail service that first "
                "received it had already classified it as phishing or impersonation."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_FILTER_SPAM] =
        {
            .id = "forwarded-filter-spam",
            .score = 30,
            .score_max = 40, /* high-confidence spam */
            .score_note = N_("40 / 30"),
            .summary = N_("The service that first received the attached message had rated it "
                          "high-confidence spam / spam."),
            .explanation = N_(
                "The message was forwarded as an attachment, and the mail service that first "
                "received it had already rated it as spam. Its filters see every copy of a "
                "mass mailing, which one message cannot show."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_AUTH_FAIL] =
        {
            .id = "forwarded-auth-fail",
            .score = 15,
            .score_max = 40,
            .score_note = N_("40 DMARC, 30 composite authentication, 20 SPF, 15 DKIM"),
            .summary = N_("The server that first received the attached message could not "
                          "confirm its sender (the strongest failure counts)."),
            .explanation = N_(
                /* TRANSLATORS: the original sender's domain, then the check that failed
                 * (DMARC, SPF, DKIM, or Microsoft's composite authentication "compauth") */
                "The message was forwarded as an attachment. The server that first received "
                "it recorded that it could not confirm the message comes from %s: the %s "
                "check failed. Forged senders look like this."),
        },

    /* ---- check_sender.c: the message's sender ---- */
    [OB_MAIL_SIGNAL_SENDER_NAME_SHOWS_OTHER_ADDRESS] =
        {
            .id = "sender-name-shows-other-address",
            .advice = "mail-credential-phishing",
            .score = 35,
            .summary = N_("The display name holds an address at another domain."),
            .explanation = N_(
                /* TRANSLATORS: the domain shown, the real address */
                "The sender's name shows an address at %s, but the message really comes "
                "from %s."),
        },
    [OB_MAIL_SIGNAL_SENDER_BRAND_MISMATCH] =
        {
            .id = "sender-brand-mismatch",
            .advice = "mail-credential-phishing",
            .score = 40,
            .summary =
                N_("The display name names a protected brand the domain does not belong to."),
            .explanation = N_(
                /* TRANSLATORS: brand, sending domain, brand */
                "The sender calls itself '%s', but writes from %s, a domain %s does not "
                "use."),
        },
    [OB_MAIL_SIGNAL_SENDER_NAME_NUMBER] =
        {
            .id = "sender-name-number",
            .score = 15,
            .summary = N_("The name carries a run of six or more digits, like a case or protocol "
                          "number (`support-31665876`)."),
            .explanation = N_(
                /* TRANSLATORS: the number */
                "The sender's name carries a long number (%s), like a case or protocol "
                "number. Mass mail puts one in each copy to look official and to get "
                "past filters; people's and companies' names do not."),
        },
    [OB_MAIL_SIGNAL_SENDER_NAME_DECORATED] =
        {
            .id = "sender-name-decorated",
            .advice = "mail-scam",
            .score = 20,
            .summary = N_("The name starts or ends with symbols (`--Notice**`, `*Offer_Ad#`, "
                          "`Team ,_`), ends with a comma or with a full stop after a whole word "
                          "(`AAA Loyalty Program.`), or holds pictographs (emoji), as mass "
                          "mailers dress names."),
            .explanation = N_(
                /* TRANSLATORS: the name */
                "The sender's name is dressed with symbols ('%s'), as mass mailers do to "
                "catch the eye and to vary the name between copies so that filters do "
                "not recognise it."),
        },
    [OB_MAIL_SIGNAL_SENDER_FREEMAIL_ORGANISATION] =
        {
            .id = "sender-freemail-organisation",
            .advice = "mail-credential-phishing",
            .score = 30,
            .summary = N_("A free mail account presents itself as an organisation's desk."),
            .explanation = N_(
                /* TRANSLATORS: the name (else the address), the free mail domain */
                "The sender presents itself as an organisation's desk ('%s'), but writes "
                "from a free %s account that anyone can open."),
        },
    [OB_MAIL_SIGNAL_SENDER_SHARED_PLATFORM] =
        {
            .id = "sender-shared-platform",
            .advice = "mail-credential-phishing",
            .score = 25,
            .summary = N_("The sender is a tenant subdomain anyone can get (`*.onmicrosoft.com`, "
                          "`*.zendesk.com`)."),
            .explanation = N_(
                /* TRANSLATORS: the sending domain, the platform */
                "The sender writes from %s, an address anyone can get on %s, not from an "
                "organisation's own domain."),
        },
    [OB_MAIL_SIGNAL_SENDER_NAME_UNRELATED_DOMAIN] =
        {
            .id = "sender-name-unrelated-domain",
            .score = 20,
            .summary = N_("An organisation's name with nothing of it in the sending domain."),
            .explanation = N_(
                /* TRANSLATORS: the name, the sending domain */
                "The sender presents itself as '%s', but writes from %s, a domain with "
                "nothing of that name in it."),
        },

    /* ---- check_sender.c: a forwarded message and its original sender ---- */
    [OB_MAIL_SIGNAL_FORWARDED_MESSAGE] =
        {
            .id = "forwarded-message",
            .score = 0,
            .summary = N_("Names the original sender and subject of a forwarded message."),
            .explanation = N_(
                /* TRANSLATORS: the original sender's name and address, the subject */
                "This message forwards another one, first sent by %s <%s> (subject: "
                "'%s'). Reasons about the 'original sender' are about that message."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_SHOWS_OTHER_ADDRESS] =
        {
            .id = "forwarded-sender-name-shows-other-address",
            .advice = "mail-credential-phishing",
            .score = 35,
            .summary = N_("As `sender-name-shows-other-address`, on the original sender of a "
                          "forwarded message."),
            .explanation = N_(
                /* TRANSLATORS: the domain shown, the real address */
                "The original sender's name shows an address at %s, but the message "
                "really comes from %s."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_SENDER_BRAND_MISMATCH] =
        {
            .id = "forwarded-sender-brand-mismatch",
            .advice = "mail-credential-phishing",
            .score = 40,
            .summary =
                N_("As `sender-brand-mismatch`, on the original sender of a forwarded message."),
            .explanation = N_(
                /* TRANSLATORS: brand, sending domain, brand */
                "The original sender calls itself '%s', but writes from %s, a domain %s "
                "does not use."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_NUMBER] =
        {
            .id = "forwarded-sender-name-number",
            .score = 15,
            .summary =
                N_("As `sender-name-number`, on the original sender of a forwarded message."),
            .explanation = N_(
                /* TRANSLATORS: the number */
                "The original sender's name carries a long number (%s), like a case or "
                "protocol number. Mass mail puts one in each copy to look official and "
                "to get past filters; people's and companies' names do not."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_DECORATED] =
        {
            .id = "forwarded-sender-name-decorated",
            .advice = "mail-scam",
            .score = 20,
            .summary =
                N_("As `sender-name-decorated`, on the original sender of a forwarded message."),
            .explanation = N_(
                /* TRANSLATORS: the name */
                "The original sender's name is dressed with symbols ('%s'), as mass "
                "mailers do to catch the eye and to vary the name between copies so that "
                "filters do not recognise it."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_SENDER_FREEMAIL_ORGANISATION] =
        {
            .id = "forwarded-sender-freemail-organisation",
            .advice = "mail-credential-phishing",
            .score = 30,
            .summary = N_(
                "As `sender-freemail-organisation`, on the original sender of a forwarded "
                "message."),
            .explanation = N_(
                /* TRANSLATORS: the name (else the address), the free mail domain */
                "The original sender presents itself as an organisation's desk ('%s'), "
                "but writes from a free %s account that anyone can open."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_SENDER_SHARED_PLATFORM] =
        {
            .id = "forwarded-sender-shared-platform",
            .advice = "mail-credential-phishing",
            .score = 25,
            .summary =
                N_("As `sender-shared-platform`, on the original sender of a forwarded message."),
            .explanation = N_(
                /* TRANSLATORS: the sending domain, the platform */
                "The original sender writes from %s, an address anyone can get on %s, "
                "not from an organisation's own domain."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_UNRELATED_DOMAIN] =
        {
            .id = "forwarded-sender-name-unrelated-domain",
            .score = 20,
            .summary = N_(
                "As `sender-name-unrelated-domain`, on the original sender of a forwarded "
                "message."),
            .explanation = N_(
                /* TRANSLATORS: the name, the sending domain */
                "The original sender presents itself as '%s', but writes from %s, a "
                "domain with nothing of that name in it."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_SENDER_ON_BEHALF] =
        {
            .id = "forwarded-sender-on-behalf",
            .score = 10,
            .summary = N_("The forward shows \"X on behalf of Y\" with X on another domain."),
            .explanation = N_(
                /* TRANSLATORS: who sent it, the original sender, who sent it's domain */
                "The forwarded message was sent by %s on behalf of %s: another domain "
                "(%s) sent it in that sender's name. Mailing services do this too, so it "
                "weighs little."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_REPLY_TO_ELSEWHERE] =
        {
            .id = "forwarded-reply-to-elsewhere",
            .score = 20,
            .score_max = 30, /* to free mail */
            .score_note = N_("20 (30 to free mail)"),
            .summary = N_("Replies to the forwarded message go to another domain (not for "
                          "mailing lists)."),
            .explanation = N_(
                /* TRANSLATORS: the reply address, the original sender's domain */
                "Replies to the forwarded message would go to %s, not to its sender's domain "
                "%s."),
        },
    [OB_MAIL_SIGNAL_FORWARDED_RETURN_PATH_ELSEWHERE] =
        {
            .id = "forwarded-return-path-elsewhere",
            .score = 5,
            .summary = N_("Bounces of the forwarded message go to another domain (bulk "
                          "services do this too)."),
            .explanation = N_(
                /* TRANSLATORS: the bounce domain, the original sender's domain */
                "Undeliverable copies of the forwarded message would go back to %s, another "
                "domain than its sender's %s. Bulk mail services do this too, so it weighs "
                "little."),
        },

    /* ---- check_sender.c: recipients, replies, bounces ---- */
    [OB_MAIL_SIGNAL_SENDER_HIDDEN_RECIPIENTS] =
        {
            .id = "sender-hidden-recipients",
            .advice = "mail-scam",
            .score = 10,
            .summary = N_("No To header, or undisclosed recipients."),
            .explanation = N_(
                "The message does not say whom it was sent to: a sign of mail sent to "
                "many people at once."),
        },
    [OB_MAIL_SIGNAL_SENDER_RECIPIENT_ADDRESS_IN_TEXT] =
        {
            .id = "sender-recipient-address-in-text",
            .advice = "mail-scam",
            .score = 20,
            .summary =
                N_("The recipient's own address is written into the subject or sender name."),
            .explanation = N_(
                /* TRANSLATORS: the recipient's address */
                "The recipient's own address (%s) is written into the subject or the "
                "sender's name, a trick of mass mail to look personal."),
        },
    [OB_MAIL_SIGNAL_CONTENT_WRITE_ELSEWHERE] =
        {
            .id = "content-write-elsewhere",
            .advice = "mail-scam",
            .score = 30,
            .summary = N_(
                "The text asks you to write to a free mail address that is not the sender's "
                "(\"email me at ...@gmail.com\"), as romance, job and advance-fee scams do. "
                "The address is listed as a `contact-address` indicator."),
            .explanation = N_(
                /* TRANSLATORS: the address */
                "The text asks you to write to %s, a free mail account, instead of "
                "answering the sender. Scams (romance, fake jobs, advance fees) move the "
                "conversation away like this."),
        },
    [OB_MAIL_SIGNAL_DOMAIN_ABUSED_TLD] =
        {
            .id = "domain-abused-tld",
            .score = 10,
            .summary =
                N_("The sender, a reply address or a link is under a top-level domain where "
                   "names cost almost nothing and abuse is common (`.top`, `.xyz`, `.click`, "
                   "`.quest`...: `data/mail/abused-tlds.txt`)."),
            .explanation =
                N_(
                    /* TRANSLATORS: the start of the sentence, where it was seen ("A link goes to",
                       "Replies would go to"), the host, the top-level domain */
                    "%s %s, under .%s: a top-level domain where names cost almost nothing "
                    "and that abuse reports rank among the most abused. Honest sites use it "
                    "too, so this weighs little."),
        },
    [OB_MAIL_SIGNAL_DOMAIN_LURE_WORDS] =
        {
            .id = "domain-lure-words",
            .advice = "mail-credential-phishing",
            .score = 25,
            .score_max = 35, /* under a top-level domain where abuse is common */
            .score_note = N_("25 (35 under a top-level domain where abuse is common)"),
            .summary =
                N_("The domain of the sender, a reply address or a link is made only of "
                   "document-share and sign-in words, in English or in Latin-letter Ukrainian "
                   "or Russian (`docs-view.online`, `secure-login-verify.site`, "
                   "`dokumenty-vkhid.top`: `data/mail/lure-words.txt`), as domains bought for "
                   "phishing are."),
            .explanation =
                N_(
                    /* TRANSLATORS: the link's domain */
                    "A link goes to %s, a domain made only of words like \"documents\", "
                    "\"view\", \"sign in\" or \"verify\". Domains bought for phishing are "
                    "named like this so that the address looks like a document or sign-in "
                    "page; real services use their own name."),
        },
    [OB_MAIL_SIGNAL_SENDER_REPLY_TO_ELSEWHERE] =
        {
            .id = "sender-reply-to-elsewhere",
            .score = 20,
            .score_max = 30, /* to free mail: OB_MAIL_WORDING_SENDER_REPLY_TO_FREE_MAIL */
            .score_note = N_("20 (30 to free mail)"),
            .summary = N_("Replies go to another domain (not for mailing lists)."),
            .explanation =
                N_(
                    /* TRANSLATORS: the reply address, the sender's domain */
                    "Replies would go to %s, not to the sender's domain %s."),
        },
    [OB_MAIL_SIGNAL_SENDER_RETURN_PATH_ELSEWHERE] =
        {
            .id = "sender-return-path-elsewhere",
            .score = 5,
            .summary = N_("Bounces go to another domain (bulk services do this too)."),
            .explanation =
                N_(
                    /* TRANSLATORS: the bounce domain, the sender's domain */
                    "Undeliverable copies would go back to %s, another domain than the "
                    "sender's %s. Bulk mail services do this too, so it weighs little."),
        },

    /* ---- check_lookalike.c ---- */
    [OB_MAIL_SIGNAL_LOOKALIKE_INVISIBLE] =
        {
            .id = "lookalike-invisible",
            .advice = "mail-credential-phishing",
            .score = 30,
            .summary = N_("Zero-width or text-direction controls in the name, subject or address."),
            .explanation =
                N_(
                    /* TRANSLATORS: the text's name ("subject", "sender's name"; Ukrainian quotes it
                       after «У полі», in the nominative), the character ("U+200B") */
                    "The %s contains an invisible or text-direction control character (%s), "
                    "used to disguise names and words."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_DISGUISED_LETTERS] =
        {
            .id = "lookalike-disguised-letters",
            .advice = "mail-credential-phishing",
            .score = 30,
            .summary =
                N_("Mathematical letters (𝐘𝐎𝐔𝐑) or overlay marks (Fa̷lha) instead of letters."),
            .explanation =
                N_(
                    /* TRANSLATORS: the text's name ("subject", "sender's name"; Ukrainian quotes it
                       after «У полі», in the nominative), the character ("U+1D418") */
                    "The %s is written with decorated or look-alike symbols instead of plain "
                    "letters (%s), a way to get past spam filters."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_NAME_MIXED_SCRIPT] =
        {
            .id = "lookalike-name-mixed-script",
            .advice = "mail-credential-phishing",
            .score = 35,
            .summary = N_("A word of the sender's name mixes scripts."),
            .explanation =
                N_(
                    /* TRANSLATORS: the word, the scripts */
                    "The sender's name '%s' mixes letters of different alphabets (%s) in one "
                    "word, so that it looks like a name it is not."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_SUBJECT_MIXED_SCRIPT] =
        {
            .id = "lookalike-subject-mixed-script",
            .advice = "mail-credential-phishing",
            .score = 20,
            .summary = N_("A word of the subject mixes scripts."),
            .explanation =
                N_(
                    /* TRANSLATORS: the word, the scripts */
                    "The subject word '%s' mixes letters of different alphabets (%s), a way "
                    "to slip past filters."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_PUNYCODE_SENDER] =
        {
            .id = "lookalike-punycode-sender",
            .advice = "mail-credential-phishing",
            .score = 15,
            .summary = N_("The sender's domain is punycode."),
            .explanation =
                N_(
                    /* TRANSLATORS: the domain */
                    "The sender's domain %s is written in punycode: it shows non-Latin or "
                    "look-alike letters."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_MIXED_SCRIPT] =
        {
            .id = "lookalike-mixed-script",
            .advice = "mail-credential-phishing",
            .score = 50,
            .summary = N_("An IDN domain label mixes scripts (Latin with Cyrillic, ...)."),
            .explanation =
                N_(
                    /* TRANSLATORS: whose domain ("sender's", "reply", "link"; Ukrainian: in the
                       genitive after «Домен»), the domain, the scripts */
                    "The %s domain %s mixes letters of different alphabets (%s), a trick to "
                    "imitate a familiar name."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_CONFUSABLE] =
        {
            .id = "lookalike-confusable",
            .advice = "mail-credential-phishing",
            .score = 60,
            .summary = N_("The domain has the same UTS #39 skeleton as a protected brand's."),
            .explanation =
                N_(
                    /* TRANSLATORS: whose domain (as in lookalike-mixed-script), the domain, the
                       brand's domain, brand, brand */
                    "The %s domain %s is written to look exactly like %s (%s), with "
                    "look-alike characters. It is not %s."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_BRAND] =
        {
            .id = "lookalike-brand",
            .advice = "mail-credential-phishing",
            .score = 45,
            .summary =
                N_("Typo-squat: look-alike letters (0/o, 1/l, rn/m) or one letter added or left "
                   "out."),
            .explanation =
                N_(
                    /* TRANSLATORS: whose domain (as in lookalike-mixed-script), the domain, the
                       brand's domain, brand, brand */
                    "The %s domain %s is spelled to look like %s, which belongs to %s. It is "
                    "not %s."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME_OF_SENDER] =
        {
            .id = "lookalike-brand-name-of-sender",
            .advice = "mail-credential-phishing",
            .score = 45,
            .summary = N_("A link's domain contains the name of the very brand the message says it "
                          "comes from, and is not that brand's (GitHub's notification linking to "
                          "`github-scanner.example`)."),
            .explanation =
                N_(
                    /* TRANSLATORS: brand, the link's domain, the brand's name in it, brand */
                    "The message presents itself as coming from %s, but its link goes to %s, "
                    "a domain that uses the name %s and does not belong to %s."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME] =
        {
            .id = "lookalike-brand-name",
            .advice = "mail-credential-phishing",
            .score = 35,
            .summary = N_("A registrable domain that contains a brand name as a word "
                          "(`paypal-secure.example`)."),
            /* TRANSLATORS: where it was seen ("link", "sender's", "original sender's", "reply"),
             * the domain, the brand's name in it, the brand */
            .explanation = N_("The %s domain %s contains the name %s but does not belong to %s."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_HOST] =
        {
            .id = "lookalike-brand-in-host",
            .advice = "mail-credential-phishing",
            .score = 40,
            .summary = N_("A host that starts with a brand's domain (`paypal.com.x.example`)."),
            /* TRANSLATORS: where it was seen ("link", "sender's", "original sender's", "reply"),
             * the host, the brand's domain, the domain it really belongs to */
            .explanation = N_("The %s address %s starts like %s, but really belongs to %s."),
        },
    [OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_ADDRESS] =
        {
            .id = "lookalike-brand-in-address",
            .advice = "mail-credential-phishing",
            .score = 25,
            .summary =
                N_("The sender's address names a brand before its domain or in a subdomain "
                   "(`binance-alert@x.onmicrosoft.com`), and the domain is not the brand's."),
            /* TRANSLATORS: whose ("sender's", "original sender's"), the address, the brand's
             * name in it, its domain, the brand */
            .explanation = N_("The %s address %s uses the name %s, but its domain %s does not "
                              "belong to %s."),
        },

    /* ---- check_links.c ---- */
    [OB_MAIL_SIGNAL_LINK_SCRIPT] =
        {
            .id = "link-script",
            .advice = "mail-credential-phishing",
            .score = 25,
            .summary = N_("A `javascript:`, `vbscript:` or `data:` link."),
            /* TRANSLATORS: the link's first 11 bytes */
            .explanation = N_("A link runs code or opens content built into the message (%s...) "
                              "instead of going to a web address."),
        },
    [OB_MAIL_SIGNAL_LINK_CREDENTIALS] =
        {
            .id = "link-credentials",
            .advice = "mail-credential-phishing",
            .score = 40,
            .summary = N_("`https://paypal.com@evil.example/`: the real host hides after an '@'."),
            /* TRANSLATORS: the real host */
            .explanation = N_("A link hides its real destination %s behind a user name written "
                              "before an '@'."),
        },
    [OB_MAIL_SIGNAL_LINK_FORM_PASSWORD] =
        {
            .id = "link-form-password",
            .advice = "mail-credential-phishing",
            .score = 50,
            .summary = N_("A form in the message asks for a password."),
            /* TRANSLATORS: where the form sends it */
            .explanation = N_("The message contains a form that asks for a password and sends it "
                              "to %s. Real services never ask for passwords inside an e-mail."),
        },
    [OB_MAIL_SIGNAL_LINK_FORM] =
        {
            .id = "link-form",
            .advice = "mail-credential-phishing",
            .score = 10,
            .summary = N_("A form in the message sends what is typed to another domain than the "
                          "sender's."),
            /* TRANSLATORS: where the form sends it */
            .explanation = N_("The message contains a form: whatever is typed into it is sent to "
                              "%s, not to the sender's domain."),
        },
    [OB_MAIL_SIGNAL_LINK_SHARED_PLATFORM] =
        {
            .id = "link-shared-platform",
            .advice = "mail-credential-phishing",
            .score = 20,
            .summary = N_("A link to a tenant platform site."),
            /* TRANSLATORS: the host, the platform */
            .explanation = N_("A link goes to %s, a site anyone can put up on %s."),
        },
    [OB_MAIL_SIGNAL_LINK_MALFORMED_HOST] =
        {
            .id = "link-malformed-host",
            .advice = "mail-credential-phishing",
            .score = 40,
            .summary = N_("A link's host holds control characters or other bytes no host name has, "
                          "written to confuse filters."),
            .explanation = N_("A link's web address contains characters that no real address has "
                              "(hidden control characters), a trick to get past filters."),
        },
    [OB_MAIL_SIGNAL_LINK_IP_ADDRESS] =
        {
            .id = "link-ip-address",
            .advice = "mail-credential-phishing",
            .score = 30,
            .summary = N_("A link to a bare IP address, also one written as browsers still read it "
                          "(`http://3232235777/`, `http://0300.0250.1.1/`), which the explanation "
                          "turns into the usual form."),
            /* TRANSLATORS: the address */
            .explanation = N_("A link goes to a bare IP address (%s) instead of a named website, "
                              "which real services do not do."),
        },
    [OB_MAIL_SIGNAL_LINK_PUNYCODE] =
        {
            .id = "link-punycode",
            .advice = "mail-credential-phishing",
            .score = 20,
            .summary = N_("A link to a punycode host."),
            /* TRANSLATORS: the host */
            .explanation = N_("A link goes to %s, a name written with non-Latin or look-alike "
                              "letters."),
        },
    [OB_MAIL_SIGNAL_LINK_SHORTENER] =
        {
            .id = "link-shortener",
            .score = 15,
            .summary = N_("A link through a URL shortener (its own host or a subdomain, e.g. "
                          "`x.app.goo.gl`)."),
            /* TRANSLATORS: the shortener's host */
            .explanation = N_("A link goes through a URL shortener (%s), which hides where it "
                              "really leads."),
        },
    [OB_MAIL_SIGNAL_LINK_PROGRAM_DOWNLOAD] =
        {
            .id = "link-program-download",
            .advice = "mail-opened-malware",
            .score = 35,
            .summary = N_("A link downloads a program or script."),
            /* TRANSLATORS: the host */
            .explanation = N_("A link downloads a program or script from %s."),
        },
    [OB_MAIL_SIGNAL_LINK_TEXT_MISMATCH] =
        {
            .id = "link-text-mismatch",
            .advice = "mail-credential-phishing",
            .score = 35,
            .summary =
                N_("The link shows one registrable domain and goes to another (after unwrapping "
                   "Safe Links, Proofpoint, Mimecast, Symantec); a newsletter's click tracking "
                   "(`data/mail/click-trackers.txt`) does not count unless the text names a brand "
                   "the sender is not."),
            /* TRANSLATORS: the domain shown, the domain it goes to */
            .explanation = N_("A link shows %s but really goes to %s."),
        },

    /* ---- check_attachments.c ---- */
    [OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM] =
        {
            .id = "attachment-program",
            .advice = "mail-opened-malware",
            .score = 50,
            .score_max = 60, /* by the kind of program */
            .summary =
                N_("A program by its name (`.exe`, `.scr`, `.msi`, `.dll`, `.jar`, `.apk` ...)."),
            .explanation = ATTACHMENT_BY_NAME,
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_SCRIPT] =
        {
            .id = "attachment-script",
            .advice = "mail-opened-malware",
            .score = 40,
            .score_max = 60, /* by the kind of script */
            .summary =
                N_("A script by its name (`.js`, `.vbs`, `.hta`, `.ps1`, `.bat`, `.one`, `.chm` "
                   "...)."),
            .explanation = ATTACHMENT_BY_NAME,
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_SHORTCUT] =
        {
            .id = "attachment-shortcut",
            .advice = "mail-opened-malware",
            .score = 40,
            .score_max = 60, /* a Windows shortcut 60, an Internet shortcut 40 */
            .summary = N_("A shortcut by its name (`.lnk`, `.url`)."),
            .explanation = ATTACHMENT_BY_NAME,
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_DISK_IMAGE] =
        {
            .id = "attachment-disk-image",
            .advice = "mail-opened-malware",
            .score = 50,
            .summary = N_("A disk image (ISO/IMG/VHD)."),
            .explanation = ATTACHMENT_BY_NAME,
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_HTML] =
        {
            .id = "attachment-html",
            .advice = "mail-credential-phishing",
            .score = 30,
            .score_max = 40, /* a web page 40, an SVG image 30 */
            .summary = N_("An HTML attachment."),
            .explanation = N_("The attachment is a web page: opened, it can show a fake sign-in "
                              "page or assemble a download inside the browser."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_MACRO] =
        {
            .id = "attachment-macro",
            .advice = "mail-opened-malware",
            .score = 50,
            .summary = N_("VBA macros (OLE or OOXML `vbaProject.bin`)."),
            /* TRANSLATORS: the file's name */
            .explanation = N_("The Office file '%s' contains macros (programs that run inside "
                              "the document)."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_IOS_PROFILE] =
        {
            .id = "attachment-ios-profile",
            .advice = "mail-opened-malware",
            .score = 50,
            .summary = N_("An iPhone/iPad configuration profile (`.mobileconfig`)."),
            .explanation = ATTACHMENT_BY_NAME,
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_RTLO] =
        {
            .id = "attachment-rtlo",
            .advice = "mail-opened-malware",
            .score = 60,
            .summary = N_("Text-direction tricks in the name."),
            .explanation = N_("The attachment's name contains a text-direction control character "
                              "that makes it display a false file type."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_DOUBLE_EXTENSION] =
        {
            .id = "attachment-double-extension",
            .advice = "mail-opened-malware",
            .score = 50,
            .summary = N_("A harmless extension before the real one (`invoice.pdf.exe`)."),
            /* TRANSLATORS: what ("The attachment 'x'", "The file 'y' inside the attachment
             * 'x'"), the real extension */
            .explanation = N_("%s pretends to be a document or picture, but its real type is %s."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM] =
        {
            .id = "attachment-disguised-program",
            .advice = "mail-opened-malware",
            .score = 60,
            .summary = N_("Program content under another name."),
            /* TRANSLATORS: what ("The attachment 'x'", "The file 'y' inside the attachment
             * 'x'"), what it really is ("a Windows program") */
            .explanation = N_("%s is really %s, whatever its name says."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_ENCRYPTED_ARCHIVE] =
        {
            .id = "attachment-encrypted-archive",
            .advice = "mail-opened-malware",
            .score = 50,
            .summary = N_("A password-protected zip."),
            /* TRANSLATORS: the name */
            .explanation = N_("The attachment '%s' is a password-protected archive: virus "
                              "scanners cannot look inside, which is why attackers use them."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_ARCHIVE_PROGRAM] =
        {
            .id = "attachment-archive-program",
            .advice = "mail-opened-malware",
            .score = 50,
            .summary = N_("A program inside a zip."),
            /* TRANSLATORS: the archive's name, the program's */
            .explanation = N_("The archive '%s' contains '%s', a program or script."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_TYPE_MISMATCH] =
        {
            .id = "attachment-type-mismatch",
            .advice = "mail-opened-malware",
            .score = 40,
            .summary = N_("An archive named like a document."),
            /* TRANSLATORS: the name, its extension */
            .explanation = N_("The attachment '%s' is named like a .%s file but is really a zip "
                              "archive."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_PDF_ACTIVE] =
        {
            .id = "attachment-pdf-active",
            .advice = "mail-opened-malware",
            .score = 40,
            .summary = N_("A PDF with JavaScript, launch actions or embedded files."),
            /* TRANSLATORS: the name */
            .explanation = N_("The PDF '%s' contains scripts, embedded files or commands that "
                              "start programs."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_PDF_LINK] =
        {
            .id = "attachment-pdf-link",
            .advice = "mail-credential-phishing",
            .score = 15,
            .summary = N_("A PDF with a link."),
            /* TRANSLATORS: the name */
            .explanation = N_("The PDF '%s' contains a link: a common way to lead past mail "
                              "filters to a fake page."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_CALENDAR_LINK] =
        {
            .id = "attachment-calendar-link",
            .advice = "mail-credential-phishing",
            .score = 20,
            .summary = N_("An invitation with links."),
            .explanation = N_("The calendar invitation contains links; invitations are a way to "
                              "get a link into your calendar without you accepting anything."),
        },

    /* ---- mail.c: the scan engine and the indicator store ---- */
    [OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE] =
        {
            .id = "attachment-known-malware",
            .advice = "mail-opened-malware",
            .score = OB_SIGNAL_SCORE_FROM_INDICATOR,
            .score_max = 150, /* one attachment finding adds at most this */
            .flags = OB_SIGNAL_PER_EVIDENCE,
            .score_note = N_("the file's score, at most 150"),
            .summary = N_("The attachment (or a file inside it) is a finding of the scan engine "
                          "(`--rules`, `--iocs`, the store)."),
            /* TRANSLATORS: what ("The attachment 'x'", "The file 'y' inside the attachment
             * 'x'"), the level, a sentence naming the campaign or "" */
            .explanation = N_("%s matches known malware or attack tools (%s level when scanned "
                              "as a file).%s Do not open it."),
        },
    [OB_MAIL_SIGNAL_ATTACHMENT_NOT_FULLY_EXAMINED] =
        {
            .id = "attachment-not-fully-examined",
            .advice = "mail-opened-malware",
            .score = 40,
            .summary = N_("An archive attached could not be fully examined: archives nested too "
                          "deep, too many files, or expanding far past their size (the message's "
                          "notices say which)."),
            /* TRANSLATORS: the attachment's name */
            .explanation = N_("The attachment '%s' could not be fully examined: it holds archives "
                              "nested deeper, or expands further, than scanners look. Packing a "
                              "program like this is a way to hide it from them. Do not open it."),
        },
    [OB_MAIL_SIGNAL_INDICATOR_MATCH] =
        {
            .id = "indicator-match",
            .advice = "mail-known-attack",
            .score = 100,
            .flags = OB_SIGNAL_PER_EVIDENCE,
            .summary =
                N_("The sender, reply address, a link or its domain is in the indicator store."),
            /* TRANSLATORS: what ("The sender address", "A link"), its value, the indicator's
             * source, then ", campaign: " and the campaign (or two empty texts) */
            .explanation = N_("%s (%s) is on a list of known attack indicators (source: %s%s%s). "
                              "Treat this message as part of an attack."),
        },

    /* ---- check_content.c ---- */
    [OB_MAIL_SIGNAL_CONTENT_HTML_ONLY] =
        {
            .id = "content-html-only",
            .score = 10,
            .summary = N_("HTML without a plain-text version."),
            .explanation = N_("The message is only a web page, without the plain-text version "
                              "that ordinary mail programs add."),
        },
    [OB_MAIL_SIGNAL_CONTENT_RANDOM_CODE] =
        {
            .id = "content-random-code",
            .advice = "mail-scam",
            .score = 20,
            .summary =
                N_("A random-looking code in the subject, the sender name or an attachment's "
                   "name."),
            /* TRANSLATORS: where ("subject", "sender's name", "attachment's name"), the code */
            .explanation = N_("The %s carries a random-looking code (%s), which bulk mailers add "
                              "to every copy to get past spam filters."),
        },
    [OB_MAIL_SIGNAL_CONTENT_PRESSURE] =
        {
            .id = "content-pressure",
            .score = 10,
            .score_max = 30, /* 10 a phrase: several together are the pattern */
            .score_note = "10 / 20 / 30",
            .summary =
                N_("One, two, three or more urgency, credential or prize/giveaway phrases "
                   "(English, Ukrainian, Russian, and German, Polish, Czech, French, Spanish, "
                   "Portuguese, Dutch: `data/mail/cues-*.txt`), where a word starts "
                   "(\"urgent\" does not count inside \"insurgent\"; Ukrainian and Russian "
                   "phrases count inside words, as stems)."),
            /* TRANSLATORS: how many, the first of them quoted */
            .explanation = N_("The message uses %zu phrase that presses you to act quickly or to "
                              "give your password (%s)."),
        },
    [OB_MAIL_SIGNAL_CONTENT_ROMANCE] =
        {
            .id = "content-romance",
            .advice = "mail-scam",
            .score = 15,
            .score_max = 25, /* two phrases or more */
            .score_note = "15 / 25",
            .summary = N_("Phrases of dating spam and romance scams: single women near you, "
                          "beautiful girls waiting, a partner from abroad (the `[romance]` "
                          "sections of `data/mail/cues-*.txt`)."),
            /* TRANSLATORS: the phrases found, quoted */
            .explanation = N_("The message reads like dating spam or a romance scam (%s). Such "
                              "mail leads to paid or fake dating sites, or builds trust to ask "
                              "for money later."),
        },

    /* ---- check_bulk.c: signs of bulk-mailing software ---- */
    [OB_MAIL_SIGNAL_SENDER_MALFORMED_ADDRESS] =
        {
            .id = "sender-malformed-address",
            .advice = "mail-scam",
            .score = 20,
            .summary = N_("The From header is written as no mail program writes it: a space "
                          "before the closing `>`, the whole address in quotes inside the "
                          "brackets (`<\"a@b.example\">`), empty brackets `<>`, or no address "
                          "at all. Bulk-mailing software filling in a template does this."),
            .explanation =
                N_(
                    /* TRANSLATORS: the From header as written */
                    "The sender's address is written in a way no mail program or mail service "
                    "writes it (%s). Software that sends mail in bulk under made-up senders "
                    "does this."),
        },
    [OB_MAIL_SIGNAL_CONTENT_PICTURE_ONLY] =
        {
            .id = "content-picture-only",
            .advice = "mail-scam",
            .score = 15,
            .summary = N_("An HTML message that shows a picture and a link and fewer than 25 "
                          "words of text: the words are in the picture, where filters that "
                          "read text cannot see them."),
            .explanation = N_("The message is a picture with a link and almost no text. Mass "
                              "mailings put their words into a picture so that filters cannot "
                              "read them; letters and real newsletters carry their text as "
                              "text."),
        },
    [OB_MAIL_SIGNAL_CONTENT_IMAGE_HOST] =
        {
            .id = "content-image-host",
            .advice = "mail-scam",
            .score = 15,
            .summary = N_("A picture of the message is loaded from a public picture-sharing "
                          "site where anyone uploads anonymously (`data/mail/image-hosts.txt`)."),
            .explanation =
                N_(
                    /* TRANSLATORS: the picture-sharing site */
                    "The message's pictures come from %s, a public site where anyone can upload "
                    "pictures without giving a name. Companies send pictures from their own "
                    "servers or their mailing service's; mass mailings borrow such sites to "
                    "avoid leaving a trace."),
        },
    [OB_MAIL_SIGNAL_LINK_ALL_ELSEWHERE] =
        {
            .id = "link-all-elsewhere",
            .advice = "mail-scam",
            .score = 10,
            .summary = N_("Every link of the message goes to other sites than the sender's own "
                          "domain (not for mailing lists, newsletters with `List-Unsubscribe`, "
                          "or free mail senders)."),
            .explanation =
                N_(
                    /* TRANSLATORS: the sender's domain, then one of the sites the links go to */
                    "Every link of the message goes to other sites than the sender's own domain %s "
                    "(for example %s). A company's mail links to its own site; mass mailings sent "
                    "from throwaway domains link elsewhere."),
        },
};

_Static_assert(sizeof(signals) / sizeof(signals[0]) == OB_MAIL_SIGNAL_COUNT,
               "every enum mail_signal has its entry in the table");

static const struct ob_mail_wording_def wordings[] = {
    [OB_MAIL_WORDING_FILTER_SPAM_HIGH] =
        {
            OB_MAIL_SIGNAL_FILTER_SPAM,
            N_("The receiving mail service's own filter already rated this message as almost "
               "certainly spam. Its filters see every copy of a mass mailing, which one message "
               "cannot show."),
        },
    [OB_MAIL_WORDING_AUTH_DMARC_FAIL_NO_DOMAIN] =
        {
            OB_MAIL_SIGNAL_AUTH_DMARC_FAIL,
            N_("The message says it comes from a domain it does not own, but that domain's own "
               "rules (DMARC) say the server that sent it was not allowed to. Forged senders "
               "look like this."),
        },
    [OB_MAIL_WORDING_AUTH_COMPAUTH_FAIL_NO_DOMAIN] =
        {
            OB_MAIL_SIGNAL_AUTH_COMPAUTH_FAIL,
            N_("Microsoft's mail servers could not confirm that the message really comes from its "
               "sender (composite authentication failed)."),
        },
    [OB_MAIL_WORDING_AUTH_SPF_FAIL_NO_DOMAIN] =
        {
            OB_MAIL_SIGNAL_AUTH_SPF_FAIL,
            N_("The server that sent this message is not one that the sender's domain allows to "
               "send its mail (SPF failed)."),
        },
    [OB_MAIL_WORDING_AUTH_SPF_SOFTFAIL_NO_DOMAIN] =
        {
            OB_MAIL_SIGNAL_AUTH_SPF_SOFTFAIL,
            N_("The server that sent this message is probably not one that the sender's domain "
               "uses (SPF soft fail)."),
        },
    [OB_MAIL_WORDING_FORWARDED_MESSAGE_NO_NAME] =
        {
            OB_MAIL_SIGNAL_FORWARDED_MESSAGE,
            /* TRANSLATORS: the original sender's address, the subject */
            N_("This message forwards another one, first sent by %s (subject: '%s'). Reasons "
               "about the 'original sender' are about that message."),
        },
    [OB_MAIL_WORDING_SENDER_REPLY_TO_FREE_MAIL] =
        {
            OB_MAIL_SIGNAL_SENDER_REPLY_TO_ELSEWHERE,
            /* TRANSLATORS: the reply address, the sender's domain */
            N_("Replies would go to %s (a free mail account), not to the sender's domain %s."),
        },
    [OB_MAIL_WORDING_LINK_IP_ADDRESS_DISGUISED] =
        {
            OB_MAIL_SIGNAL_LINK_IP_ADDRESS,
            /* TRANSLATORS: the address as written, as a browser reads it */
            N_("A link goes to a bare IP address written in disguise (%s, which a browser reads "
               "as %s) instead of a named website, which real services do not do."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_RTLO_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_RTLO,
            /* TRANSLATORS: the attachment's name */
            N_("The name of a file inside the attachment '%s' contains a text-direction control "
               "character that makes it display a false file type."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_TYPE_MISMATCH_ARCHIVE] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_TYPE_MISMATCH,
            /* TRANSLATORS: the name, its extension */
            N_("The attachment '%s' is named like a .%s file but is really an archive."),
        },
    [OB_MAIL_WORDING_CONTENT_PRESSURE_PLURAL] =
        {
            OB_MAIL_SIGNAL_CONTENT_PRESSURE,
            /* TRANSLATORS: how many, the first of them quoted */
            N_("The message uses %zu phrases that press you to act quickly or to give your "
               "password (%s)."),
        },
    [OB_MAIL_WORDING_AUTH_PASS_ALIGNED_DKIM] =
        {
            OB_MAIL_SIGNAL_AUTH_PASS,
            /* TRANSLATORS: the From address's registrable domain */
            N_("Some sender checks passed (SPF, DKIM or DMARC). That only shows which domain sent "
               "it, not that the sender is honest: attackers send from look-alike domains they "
               "own, and those pass too. The domain of the From address is the one verified: %s "
               "(DKIM)."),
        },
    [OB_MAIL_WORDING_AUTH_PASS_ALIGNED_SPF] =
        {
            OB_MAIL_SIGNAL_AUTH_PASS,
            /* TRANSLATORS: the From address's registrable domain */
            N_("Some sender checks passed (SPF, DKIM or DMARC). That only shows which domain sent "
               "it, not that the sender is honest: attackers send from look-alike domains they "
               "own, and those pass too. The domain of the From address is the one verified: %s "
               "(SPF)."),
        },
    [OB_MAIL_WORDING_AUTH_PASS_ALIGNED_DKIM_SPF] =
        {
            OB_MAIL_SIGNAL_AUTH_PASS,
            /* TRANSLATORS: the From address's registrable domain */
            N_("Some sender checks passed (SPF, DKIM or DMARC). That only shows which domain sent "
               "it, not that the sender is honest: attackers send from look-alike domains they "
               "own, and those pass too. The domain of the From address is the one verified: %s "
               "(DKIM and SPF)."),
        },
    [OB_MAIL_WORDING_AUTH_PASS_UNALIGNED] =
        {
            OB_MAIL_SIGNAL_AUTH_PASS,
            /* TRANSLATORS: the From domain */
            N_("Some sender checks passed (SPF, DKIM or DMARC). That only shows which domain sent "
               "it, not that the sender is honest: attackers send from look-alike domains they "
               "own, and those pass too. None of the checks that passed is for %s, the domain in "
               "the From address."),
        },
    [OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_SPF] =
        {
            OB_MAIL_SIGNAL_AUTH_PASS,
            /* TRANSLATORS: the From domain, the envelope (SPF) domain */
            N_("Some sender checks passed (SPF, DKIM or DMARC). That only shows which domain sent "
               "it, not that the sender is honest: attackers send from look-alike domains they "
               "own, and those pass too. None of the checks that passed is for %s, the domain in "
               "the From address: SPF passed for %s."),
        },
    [OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_DKIM] =
        {
            OB_MAIL_SIGNAL_AUTH_PASS,
            /* TRANSLATORS: the From domain, the DKIM signature's domain */
            N_("Some sender checks passed (SPF, DKIM or DMARC). That only shows which domain sent "
               "it, not that the sender is honest: attackers send from look-alike domains they "
               "own, and those pass too. None of the checks that passed is for %s, the domain in "
               "the From address: DKIM passed for %s."),
        },
    [OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_SPF_DKIM] =
        {
            OB_MAIL_SIGNAL_AUTH_PASS,
            /* TRANSLATORS: the From domain, the envelope (SPF) domain, the DKIM signature's domain
             */
            N_("Some sender checks passed (SPF, DKIM or DMARC). That only shows which domain sent "
               "it, not that the sender is honest: attackers send from look-alike domains they "
               "own, and those pass too. None of the checks that passed is for %s, the domain in "
               "the From address: SPF passed for %s, DKIM for %s."),
        },
    [OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_SENDER] =
        {
            OB_MAIL_SIGNAL_DOMAIN_ABUSED_TLD,
            /* TRANSLATORS: the sender's domain, its top-level domain */
            N_("The sender writes from %s, under .%s: a top-level domain where names cost almost "
               "nothing and that abuse reports rank among the most abused. Honest sites use it "
               "too, so this weighs little."),
        },
    [OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_REPLY] =
        {
            OB_MAIL_SIGNAL_DOMAIN_ABUSED_TLD,
            /* TRANSLATORS: the reply address's domain, its top-level domain */
            N_("Replies would go to %s, under .%s: a top-level domain where names cost almost "
               "nothing and that abuse reports rank among the most abused. Honest sites use it "
               "too, so this weighs little."),
        },
    [OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_LINK] =
        {
            OB_MAIL_SIGNAL_DOMAIN_ABUSED_TLD,
            /* TRANSLATORS: the link's host, its top-level domain */
            N_("A link goes to %s, under .%s: a top-level domain where names cost almost nothing "
               "and that abuse reports rank among the most abused. Honest sites use it too, so "
               "this weighs little."),
        },
    [OB_MAIL_WORDING_DOMAIN_LURE_WORDS_SENDER] =
        {
            OB_MAIL_SIGNAL_DOMAIN_LURE_WORDS,
            /* TRANSLATORS: the sender's domain */
            N_("The sender writes from %s, a domain made only of words like \"documents\", "
               "\"view\", \"sign in\" or \"verify\". Domains bought for phishing are named "
               "like this; real services and organisations use their own name."),
        },
    [OB_MAIL_WORDING_DOMAIN_LURE_WORDS_REPLY] =
        {
            OB_MAIL_SIGNAL_DOMAIN_LURE_WORDS,
            /* TRANSLATORS: the reply address's domain */
            N_("Replies would go to %s, a domain made only of words like \"documents\", "
               "\"view\", \"sign in\" or \"verify\". Domains bought for phishing are named "
               "like this; real services and organisations use their own name."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SENDER_NAME] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_INVISIBLE,
            /* TRANSLATORS: the character's code point ("U+200B") */
            N_("The sender's name contains an invisible or text-direction control character (%s), "
               "used to disguise names and words."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SUBJECT] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_INVISIBLE,
            /* TRANSLATORS: the character's code point ("U+200B") */
            N_("The subject contains an invisible or text-direction control character (%s), used "
               "to disguise names and words."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SENDER_ADDRESS] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_INVISIBLE,
            /* TRANSLATORS: the character's code point ("U+200B") */
            N_("The sender's address contains an invisible or text-direction control character "
               "(%s), used to disguise names and words."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_ORIGINAL_SENDER_NAME] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_INVISIBLE,
            /* TRANSLATORS: the character's code point ("U+200B") */
            N_("The original sender's name contains an invisible or text-direction control "
               "character (%s), used to disguise names and words."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_FORWARDED_SUBJECT] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_INVISIBLE,
            /* TRANSLATORS: the character's code point ("U+200B") */
            N_("The forwarded message's subject contains an invisible or text-direction control "
               "character (%s), used to disguise names and words."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_ORIGINAL_SENDER_ADDRESS] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_INVISIBLE,
            /* TRANSLATORS: the character's code point ("U+200B") */
            N_("The original sender's address contains an invisible or text-direction control "
               "character (%s), used to disguise names and words."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_SUBJECT] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_DISGUISED_LETTERS,
            /* TRANSLATORS: the first such character's code point ("U+1D418") */
            N_("The subject is written with decorated or look-alike symbols instead of plain "
               "letters (%s), a way to get past spam filters."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_SENDER_NAME] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_DISGUISED_LETTERS,
            /* TRANSLATORS: the first such character's code point ("U+1D418") */
            N_("The sender's name is written with decorated or look-alike symbols instead of plain "
               "letters (%s), a way to get past spam filters."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_FORWARDED_SUBJECT] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_DISGUISED_LETTERS,
            /* TRANSLATORS: the first such character's code point ("U+1D418") */
            N_("The forwarded message's subject is written with decorated or look-alike symbols "
               "instead of plain letters (%s), a way to get past spam filters."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_ORIGINAL_SENDER_NAME] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_DISGUISED_LETTERS,
            /* TRANSLATORS: the first such character's code point ("U+1D418") */
            N_("The original sender's name is written with decorated or look-alike symbols instead "
               "of plain letters (%s), a way to get past spam filters."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_MIXED_SCRIPT,
            /* TRANSLATORS: the domain, the alphabets it mixes */
            N_("The sender's domain %s mixes letters of different alphabets (%s), a trick to "
               "imitate a familiar name."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_ORIGINAL_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_MIXED_SCRIPT,
            /* TRANSLATORS: the domain, the alphabets it mixes */
            N_("The original sender's domain %s mixes letters of different alphabets (%s), a trick "
               "to imitate a familiar name."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_REPLY] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_MIXED_SCRIPT,
            /* TRANSLATORS: the domain, the alphabets it mixes */
            N_("The reply domain %s mixes letters of different alphabets (%s), a trick to imitate "
               "a familiar name."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_LINK] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_MIXED_SCRIPT,
            /* TRANSLATORS: the domain, the alphabets it mixes */
            N_("The link domain %s mixes letters of different alphabets (%s), a trick to imitate a "
               "familiar name."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_CONFUSABLE,
            /* TRANSLATORS: the domain, the brand's domain, the brand, the brand */
            N_("The sender's domain %s is written to look exactly like %s (%s), with look-alike "
               "characters. It is not %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_ORIGINAL_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_CONFUSABLE,
            /* TRANSLATORS: the domain, the brand's domain, the brand, the brand */
            N_("The original sender's domain %s is written to look exactly like %s (%s), with "
               "look-alike characters. It is not %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_REPLY] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_CONFUSABLE,
            /* TRANSLATORS: the domain, the brand's domain, the brand, the brand */
            N_("The reply domain %s is written to look exactly like %s (%s), with look-alike "
               "characters. It is not %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_LINK] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_CONFUSABLE,
            /* TRANSLATORS: the domain, the brand's domain, the brand, the brand */
            N_("The link domain %s is written to look exactly like %s (%s), with look-alike "
               "characters. It is not %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND,
            /* TRANSLATORS: the domain, the brand's domain, the brand, the brand */
            N_("The sender's domain %s is spelled to look like %s, which belongs to %s. It is not "
               "%s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_ORIGINAL_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND,
            /* TRANSLATORS: the domain, the brand's domain, the brand, the brand */
            N_("The original sender's domain %s is spelled to look like %s, which belongs to %s. "
               "It is not %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_REPLY] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND,
            /* TRANSLATORS: the domain, the brand's domain, the brand, the brand */
            N_("The reply domain %s is spelled to look like %s, which belongs to %s. It is not "
               "%s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_LINK] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND,
            /* TRANSLATORS: the domain, the brand's domain, the brand, the brand */
            N_("The link domain %s is spelled to look like %s, which belongs to %s. It is not %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME,
            /* TRANSLATORS: the domain, the brand's name in it, the brand */
            N_("The sender's domain %s contains the name %s but does not belong to %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_ORIGINAL_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME,
            /* TRANSLATORS: the domain, the brand's name in it, the brand */
            N_("The original sender's domain %s contains the name %s but does not belong to %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_REPLY] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME,
            /* TRANSLATORS: the domain, the brand's name in it, the brand */
            N_("The reply domain %s contains the name %s but does not belong to %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_LINK] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME,
            /* TRANSLATORS: the domain, the brand's name in it, the brand */
            N_("The link domain %s contains the name %s but does not belong to %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_HOST,
            /* TRANSLATORS: the host, the brand's domain it starts with, the registrable domain it
               really belongs to */
            N_("The sender's address %s starts like %s, but really belongs to %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_ORIGINAL_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_HOST,
            /* TRANSLATORS: the host, the brand's domain it starts with, the registrable domain it
               really belongs to */
            N_("The original sender's address %s starts like %s, but really belongs to %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_REPLY] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_HOST,
            /* TRANSLATORS: the host, the brand's domain it starts with, the registrable domain it
               really belongs to */
            N_("The reply address %s starts like %s, but really belongs to %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_LINK] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_HOST,
            /* TRANSLATORS: the host, the brand's domain it starts with, the registrable domain it
               really belongs to */
            N_("The link address %s starts like %s, but really belongs to %s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_ADDRESS_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_ADDRESS,
            /* TRANSLATORS: the address, the brand's name in it, the address's registrable domain,
               the brand */
            N_("The sender's address %s uses the name %s, but its domain %s does not belong to "
               "%s."),
        },
    [OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_ADDRESS_ORIGINAL_SENDER] =
        {
            OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_ADDRESS,
            /* TRANSLATORS: the address, the brand's name in it, the address's registrable domain,
               the brand */
            N_("The original sender's address %s uses the name %s, but its domain %s does not "
               "belong to %s."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_PROGRAM_WINDOWS] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a Windows program. Do not open it unless you expected "
               "exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_PROGRAM_SCREEN_SAVER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a Windows program (screen saver). Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_PROGRAM_CONTROL_PANEL] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a Windows control panel program. Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_PROGRAM_INSTALLER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a Windows installer. Do not open it unless you expected "
               "exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_PROGRAM_LIBRARY] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a Windows program library. Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_PROGRAM_JAVA] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a Java program. Do not open it unless you expected exactly "
               "this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_PROGRAM_ANDROID] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an Android app. Do not open it unless you expected exactly "
               "this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_PROGRAM_MACOS] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a macOS program. Do not open it unless you expected exactly "
               "this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_SCRIPT_WINDOWS] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_SCRIPT,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a script that Windows runs when opened. Do not open it "
               "unless you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_SCRIPT_POWERSHELL] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_SCRIPT,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a PowerShell script. Do not open it unless you expected "
               "exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_SCRIPT_COMMANDS] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_SCRIPT,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a Windows command script. Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_SCRIPT_SETTINGS] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_SCRIPT,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a change to Windows settings. Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_SCRIPT_ONENOTE] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_SCRIPT,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a OneNote file (used to hide scripts). Do not open it "
               "unless you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_SCRIPT_HELP] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_SCRIPT,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a compiled help file that can run code. Do not open it "
               "unless you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_SHORTCUT_WINDOWS] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_SHORTCUT,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a Windows shortcut that can start programs. Do not open it "
               "unless you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_SHORTCUT_INTERNET] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_SHORTCUT,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an Internet shortcut. Do not open it unless you expected "
               "exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISK_IMAGE_DISK] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISK_IMAGE,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a disk image (often used to smuggle programs). Do not open "
               "it unless you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISK_IMAGE_VIRTUAL] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISK_IMAGE,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a virtual disk (often used to smuggle programs). Do not "
               "open it unless you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_HTML_WEB_PAGE] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_HTML,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is a web page that opens in the browser. Do not open it unless "
               "you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_HTML_SVG] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_HTML,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an image that can carry scripts. Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_MACRO_DOCUMENT] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_MACRO,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an Office document with macros. Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_MACRO_SPREADSHEET] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_MACRO,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an Office spreadsheet with macros. Do not open it unless "
               "you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_MACRO_PRESENTATION] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_MACRO,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an Office presentation with macros. Do not open it unless "
               "you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_MACRO_TEMPLATE] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_MACRO,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an Office template with macros. Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_MACRO_ADD_IN] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_MACRO,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an Office add-in with macros. Do not open it unless you "
               "expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_IOS_PROFILE_BY_NAME] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_IOS_PROFILE,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is an iPhone/iPad configuration profile. Do not open it unless "
               "you expected exactly this file from this sender."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DOUBLE_EXTENSION_ATTACHMENT] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DOUBLE_EXTENSION,
            /* TRANSLATORS: the attachment's name, its real extension */
            N_("The attachment '%s' pretends to be a document or picture, but its real type is "
               "%s."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DOUBLE_EXTENSION_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DOUBLE_EXTENSION,
            /* TRANSLATORS: the file's name, the attachment's name, the file's real extension */
            N_("The file '%s' inside the attachment '%s' pretends to be a document or picture, but "
               "its real type is %s."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISGUISED_WINDOWS] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is really a Windows program, whatever its name says."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISGUISED_LINUX] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is really a Linux program, whatever its name says."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISGUISED_MACOS] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is really a macOS program, whatever its name says."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISGUISED_PROGRAM] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' is really a program, whatever its name says."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISGUISED_WINDOWS_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
            /* TRANSLATORS: the file's name, the attachment's name */
            N_("The file '%s' inside the attachment '%s' is really a Windows program, whatever its "
               "name says."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISGUISED_LINUX_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
            /* TRANSLATORS: the file's name, the attachment's name */
            N_("The file '%s' inside the attachment '%s' is really a Linux program, whatever its "
               "name says."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISGUISED_MACOS_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
            /* TRANSLATORS: the file's name, the attachment's name */
            N_("The file '%s' inside the attachment '%s' is really a macOS program, whatever its "
               "name says."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_DISGUISED_PROGRAM_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
            /* TRANSLATORS: the file's name, the attachment's name */
            N_("The file '%s' inside the attachment '%s' is really a program, whatever its name "
               "says."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' matches known malware or attack tools (alert level when "
               "scanned as a file). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name, the campaign */
            N_("The attachment '%s' matches known malware or attack tools (alert level when "
               "scanned as a file). It is part of the campaign '%s'. Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_SOURCE] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name, the campaign, the indicator's source */
            N_("The attachment '%s' matches known malware or attack tools (alert level when "
               "scanned as a file). It is part of the campaign '%s' (source: %s). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' matches known malware or attack tools (warning level when "
               "scanned as a file). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name, the campaign */
            N_("The attachment '%s' matches known malware or attack tools (warning level when "
               "scanned as a file). It is part of the campaign '%s'. Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_SOURCE] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name, the campaign, the indicator's source */
            N_("The attachment '%s' matches known malware or attack tools (warning level when "
               "scanned as a file). It is part of the campaign '%s' (source: %s). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name */
            N_("The attachment '%s' matches known malware or attack tools (notice level when "
               "scanned as a file). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name, the campaign */
            N_("The attachment '%s' matches known malware or attack tools (notice level when "
               "scanned as a file). It is part of the campaign '%s'. Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_SOURCE] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the attachment's name, the campaign, the indicator's source */
            N_("The attachment '%s' matches known malware or attack tools (notice level when "
               "scanned as a file). It is part of the campaign '%s' (source: %s). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(alert level when scanned as a file). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name, the campaign */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(alert level when scanned as a file). It is part of the campaign '%s'. Do not open "
               "it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_SOURCE_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name, the campaign, the indicator's
               source */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(alert level when scanned as a file). It is part of the campaign '%s' (source: "
               "%s). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(warning level when scanned as a file). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name, the campaign */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(warning level when scanned as a file). It is part of the campaign '%s'. Do not "
               "open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_SOURCE_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name, the campaign, the indicator's
               source */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(warning level when scanned as a file). It is part of the campaign '%s' (source: "
               "%s). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(notice level when scanned as a file). Do not open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name, the campaign */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(notice level when scanned as a file). It is part of the campaign '%s'. Do not "
               "open it."),
        },
    [OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_SOURCE_MEMBER] =
        {
            OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
            /* TRANSLATORS: the file's name, the attachment's name, the campaign, the indicator's
               source */
            N_("The file '%s' inside the attachment '%s' matches known malware or attack tools "
               "(notice level when scanned as a file). It is part of the campaign '%s' (source: "
               "%s). Do not open it."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_SENDER] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address, the indicator's source */
            N_("The sender address (%s) is on a list of known attack indicators (source: %s). "
               "Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address, the indicator's source, its campaign */
            N_("The sender address (%s) is on a list of known attack indicators (source: %s, "
               "campaign: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_REPLY] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address, the indicator's source */
            N_("The reply address (%s) is on a list of known attack indicators (source: %s). Treat "
               "this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_REPLY_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address, the indicator's source, its campaign */
            N_("The reply address (%s) is on a list of known attack indicators (source: %s, "
               "campaign: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_BOUNCE] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address, the indicator's source */
            N_("The bounce address (%s) is on a list of known attack indicators (source: %s). "
               "Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_BOUNCE_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address, the indicator's source, its campaign */
            N_("The bounce address (%s) is on a list of known attack indicators (source: %s, "
               "campaign: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_HEADER] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address of the Sender header, the indicator's source */
            N_("The Sender address (%s) is on a list of known attack indicators (source: %s). "
               "Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_HEADER_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address of the Sender header, the indicator's source, its campaign
             */
            N_("The Sender address (%s) is on a list of known attack indicators (source: %s, "
               "campaign: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address, the indicator's source */
            N_("The original sender's address (%s) is on a list of known attack indicators "
               "(source: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address, the indicator's source, its campaign */
            N_("The original sender's address (%s) is on a list of known attack indicators "
               "(source: %s, campaign: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_HEADER] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address of the forwarded message's Sender header, the indicator's
               source */
            N_("The original Sender address (%s) is on a list of known attack indicators (source: "
               "%s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_HEADER_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the address of the forwarded message's Sender header, the indicator's
               source, its campaign */
            N_("The original Sender address (%s) is on a list of known attack indicators (source: "
               "%s, campaign: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_LINK] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the link's URL, the indicator's source */
            N_("A link (%s) is on a list of known attack indicators (source: %s). Treat this "
               "message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_LINK_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the link's URL, the indicator's source, its campaign */
            N_("A link (%s) is on a list of known attack indicators (source: %s, campaign: %s). "
               "Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_LINK_DOMAIN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the link's domain, the indicator's source */
            N_("A link's domain (%s) is on a list of known attack indicators (source: %s). Treat "
               "this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_LINK_DOMAIN_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the link's domain, the indicator's source, its campaign */
            N_("A link's domain (%s) is on a list of known attack indicators (source: %s, "
               "campaign: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_LINK_ADDRESS] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the link's IP address, the indicator's source */
            N_("A link's address (%s) is on a list of known attack indicators (source: %s). Treat "
               "this message as part of an attack."),
        },
    [OB_MAIL_WORDING_INDICATOR_MATCH_LINK_ADDRESS_CAMPAIGN] =
        {
            OB_MAIL_SIGNAL_INDICATOR_MATCH,
            /* TRANSLATORS: the link's IP address, the indicator's source, its campaign */
            N_("A link's address (%s) is on a list of known attack indicators (source: %s, "
               "campaign: %s). Treat this message as part of an attack."),
        },
    [OB_MAIL_WORDING_CONTENT_RANDOM_CODE_SUBJECT] =
        {
            OB_MAIL_SIGNAL_CONTENT_RANDOM_CODE,
            /* TRANSLATORS: the code */
            N_("The subject carries a random-looking code (%s), which bulk mailers add to every "
               "copy to get past spam filters."),
        },
    [OB_MAIL_WORDING_CONTENT_RANDOM_CODE_SENDER_NAME] =
        {
            OB_MAIL_SIGNAL_CONTENT_RANDOM_CODE,
            /* TRANSLATORS: the code */
            N_("The sender's name carries a random-looking code (%s), which bulk mailers add to "
               "every copy to get past spam filters."),
        },
    [OB_MAIL_WORDING_CONTENT_RANDOM_CODE_FORWARDED_SUBJECT] =
        {
            OB_MAIL_SIGNAL_CONTENT_RANDOM_CODE,
            /* TRANSLATORS: the code */
            N_("The forwarded message's subject carries a random-looking code (%s), which bulk "
               "mailers add to every copy to get past spam filters."),
        },
    [OB_MAIL_WORDING_CONTENT_RANDOM_CODE_ORIGINAL_SENDER_NAME] =
        {
            OB_MAIL_SIGNAL_CONTENT_RANDOM_CODE,
            /* TRANSLATORS: the code */
            N_("The original sender's name carries a random-looking code (%s), which bulk mailers "
               "add to every copy to get past spam filters."),
        },
    [OB_MAIL_WORDING_CONTENT_RANDOM_CODE_ATTACHMENT_NAME] =
        {
            OB_MAIL_SIGNAL_CONTENT_RANDOM_CODE,
            /* TRANSLATORS: the code */
            N_("The attachment's name carries a random-looking code (%s), which bulk mailers add "
               "to every copy to get past spam filters."),
        },
    [OB_MAIL_WORDING_SENDER_MALFORMED_ADDRESS_NONE] =
        {
            OB_MAIL_SIGNAL_SENDER_MALFORMED_ADDRESS,
            /* TRANSLATORS: the From header as written */
            N_("The message gives no sender address at all (%s), only a name. Mail programs and "
               "mail services always write one; software that sends mail in bulk under "
               "made-up senders may not."),
        },
};

_Static_assert(sizeof(wordings) / sizeof(wordings[0]) == OB_MAIL_WORDING_COUNT,
               "every enum mail_wording has its entry in the table");

/* What to do, by the threat a message's reasons point to (a signal names
 * its advice with .advice; mail.c puts them in this order, most urgent
 * first, each once), and the general advice of each verdict for a message
 * whose reasons point to none. Written for a frightened non-expert: short
 * sentences, "you", no jargon. */
static const struct ob_advice_def advice[] = {
    {.id = "mail-known-attack",
     .text = N_("This message belongs to a known targeted attack, of the kind used to spy on "
                "journalists and activists. This is urgent. Do not delete the message, and do not "
                "reset, wipe or update the device: your helpline needs both as they are. Contact "
                "your digital security helpline now (for example Access Now's Digital Security "
                "Helpline, help@accessnow.org), from another device if you can, and use that other "
                "device for sensitive conversations until they answer. Tell them who else may have "
                "received it.")},
    {.id = "mail-opened-malware",
     .text = N_("Do not open the attachment or download what the message offers. If you already "
                "opened it, the device may be compromised: stop using it for sensitive work and do "
                "not type passwords on it. Run oberig triage on it (or oberig scan on your files) "
                "and contact your helpline before you use it again for anything sensitive.")},
    {.id = "mail-credential-phishing",
     .text = N_(
         "This message tries to get your password. Do not click its links or sign in from "
         "it. If you opened a link but typed nothing, close the page. If you typed a "
         "password, change it now on the real site (type its address yourself), turn on "
         "two-factor authentication, check the account's recent sign-ins and mail forwarding "
         "rules, and tell your helpline.")},
    {.id = "mail-scam",
     .text = N_("This looks like mass spam or a scam. Do not reply, pay, or send documents or "
                "personal details. Mark it as spam and delete it.")},
    {.id = "mail-phishing",
     .text = N_("This looks like phishing. Do not click its links, open its attachments or reply. "
                "If you already clicked or typed a password, change that password now (on the real "
                "site, typed by hand) and turn on two-factor authentication. Send the full message "
                "source to your helpline.")},
    {.id = "mail-suspicious",
     .text = N_("Be careful: do not click links or open attachments until you have checked with "
                "the sender another way (a call, or a message you start yourself). If you already "
                "clicked or typed a password, change it and turn on two-factor authentication, and "
                "send the message source to your helpline.")},
    {.id = "mail-clean",
     .text = N_(
         "No signs of phishing were found, which is not a guarantee. If the message asks "
         "for a password, money or urgent action, check with the sender another way first.")},
};

static const struct ob_signal_table table = {
    .capability = "mail",
    .signals = signals,
    .signal_count = sizeof(signals) / sizeof(signals[0]),
    .advice = advice,
    .advice_count = sizeof(advice) / sizeof(advice[0]),
};

const struct ob_signal_table *ob_mail_signals(void)
{
    return &table;
}

const struct ob_signal_def *mail_signal(enum mail_signal signal)
{
    return (unsigned)signal < OB_MAIL_SIGNAL_COUNT ? &signals[signal] : NULL;
}

const struct ob_mail_wording_def *mail_wording(enum mail_wording wording)
{
    return (unsigned)wording < OB_MAIL_WORDING_COUNT ? &wordings[wording] : NULL;
}
