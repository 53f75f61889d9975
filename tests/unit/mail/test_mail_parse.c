/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the mail message model: the GMime adapter (headers,
 * addresses, charsets, MIME structure, hostile input), the mbox splitter
 * and the link finder. All messages are synthetic. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "mail/mail_internal.h"

/* ---- helpers ----------------------------------------------------------- */

static void parse_bytes(const char *data, size_t length, struct ob_mail_message *message)
{
    enum ob_status status = mail_message_parse("test.eml", data, length, message);
    if (status != OB_OK)
        fail_msg("parse failed: %s", ob_strerror(status));
}

static void parse(const char *text, struct ob_mail_message *message)
{
    parse_bytes(text, strlen(text), message);
}

static bool has_notice(const struct ob_mail_message *message, const char *part)
{
    for (size_t i = 0; i < message->notice_count; i++)
        if (strstr(message->notices[i], part) != NULL)
            return true;
    return false;
}

static const struct ob_mail_link *find_link(const struct ob_mail_message *message, const char *url)
{
    for (size_t i = 0; i < message->link_count; i++)
        if (strcmp(message->links[i].url, url) == 0)
            return &message->links[i];
    return NULL;
}

static bool valid_utf8(const char *text, size_t length)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < length;) {
        size_t need = s[i] < 0x80         ? 1
                      : (s[i] >> 5) == 6  ? 2
                      : (s[i] >> 4) == 14 ? 3
                      : (s[i] >> 3) == 30 ? 4
                                          : 0;
        if (need == 0 || (need == 1 && s[i] == 0) || i + need > length)
            return false;
        for (size_t k = 1; k < need; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
        i += need;
    }
    return true;
}

/* Every string of the model is there and is UTF-8 (the checks rely on it). */
static void assert_model_sane(const struct ob_mail_message *message)
{
    assert_non_null(message->subject);
    assert_non_null(message->message_id);
    assert_non_null(message->from.display);
    assert_non_null(message->from.address);
    assert_non_null(message->from.domain);
    for (size_t i = 0; i < message->header_count; i++) {
        assert_non_null(message->headers[i].name);
        assert_non_null(message->headers[i].raw);
        assert_true(valid_utf8(message->headers[i].value, strlen(message->headers[i].value)));
    }
    for (size_t i = 0; i < message->body_count; i++) {
        assert_int_equal(strlen(message->bodies[i].text), message->bodies[i].length);
        assert_true(valid_utf8(message->bodies[i].text, message->bodies[i].length));
        assert_true(message->bodies[i].length <= OB_MAIL_TEXT_MAX);
    }
    for (size_t i = 0; i < message->link_count; i++) {
        assert_non_null(message->links[i].url);
        assert_non_null(message->links[i].shown);
    }
    for (size_t i = 0; i < message->attachment_count; i++) {
        assert_non_null(message->attachments[i].filename);
        assert_non_null(message->attachments[i].content_type);
        assert_non_null(message->attachments[i].data);
    }
    assert_true(message->link_count <= OB_MAIL_URLS_MAX);
    assert_true(message->attachment_count <= OB_MAIL_ATTACHMENTS_MAX);
    assert_true(message->header_count <= OB_MAIL_HEADERS_MAX);
}

/* ---- headers and addresses ---------------------------------------------------- */

static void test_mail_parse__subjects_in_encoded_words(void **state)
{
    (void)state;
    static const struct {
        const char *subject, *expected;
    } cases[] = {
        {"=?UTF-8?B?0J/RltC00YLQstC10YDQtNGW0YLRjCDQvtCx0LvRltC60L7QstC40Lkg0LfQsNC/0LjRgQ==?=",
         "Підтвердіть обліковий запис"},
        {"=?KOI8-R?Q?=F3=D2=CF=DE=CE=CF:_=D7=C1=DB_=D0=C1=D2=CF=CC=D8?=", "Срочно: ваш пароль"},
        {"=?windows-1251?B?0+Lg4+A6IPDg9fPt7uog5+Dh6+7q7uLg7e4=?=", "Увага: рахунок заблоковано"},
        {"Re: =?utf-8?q?caf=C3=A9?= time", "Re: café time"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[512];
        snprintf(text, sizeof(text), "From: a@example.org\r\nSubject: %s\r\n\r\nbody\r\n",
                 cases[i].subject);
        struct ob_mail_message message;
        parse(text, &message);
        assert_string_equal(message.subject, cases[i].expected);
        const struct ob_mail_header *header = mail_header_find(&message, "subject");
        assert_non_null(header);
        assert_string_equal(header->raw, cases[i].subject);
        assert_string_equal(header->value, cases[i].expected);
        assert_model_sane(&message);
        mail_message_release(&message);
    }
}

static void test_mail_parse__headers_in_order_unfolded(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("Received: from a.example\r\n\tby b.example; Mon, 1 Jan 2024 10:00:00 +0000\r\n"
          "Authentication-Results: mx.example;\r\n spf=pass smtp.mailfrom=example.org\r\n"
          "Received: from c.example\r\n"
          "Message-ID: <abc.123@mail.example.org>\r\n"
          "From: a@example.org\r\n\r\nhi\r\n",
          &message);
    assert_int_equal(message.header_count, 5);
    assert_string_equal(message.headers[0].name, "Received");
    assert_string_equal(message.headers[0].raw,
                        "from a.example\tby b.example; Mon, 1 Jan 2024 10:00:00 +0000");
    assert_string_equal(message.headers[1].value, "mx.example; spf=pass smtp.mailfrom=example.org");
    assert_string_equal(message.headers[2].raw, "from c.example");
    assert_string_equal(message.message_id, "abc.123@mail.example.org");
    assert_ptr_equal(mail_header_find(&message, "RECEIVED"), &message.headers[0]);
    assert_null(mail_header_find(&message, "X-Missing"));
    assert_false(message.headers_only);
    mail_message_release(&message);
}

static void test_mail_parse__from_display_name_encoded(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: =?UTF-8?B?0KHQu9GD0LbQsdCwINCx0LXQt9C/0LXQutC4?= <Security@PayPa1.COM>\r\n"
          "Sender: \"PayPal Support\" <support@paypal.com>\r\n"
          "Return-Path: <bounce+x@Mailer.Example.NET>\r\n"
          "Subject: x\r\n\r\nbody\r\n",
          &message);
    assert_string_equal(message.from.display, "Служба безпеки");
    assert_string_equal(message.from.address, "Security@PayPa1.COM");
    assert_string_equal(message.from.domain, "paypa1.com");
    assert_string_equal(message.sender.display, "PayPal Support");
    assert_string_equal(message.sender.domain, "paypal.com");
    assert_string_equal(message.return_path.address, "bounce+x@Mailer.Example.NET");
    assert_string_equal(message.return_path.domain, "mailer.example.net");
    assert_int_equal(message.reply_to_count, 0);
    mail_message_release(&message);
}

static void test_mail_parse__reply_to_list(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\n"
          "Reply-To: first@one.example, \"Second\" <second@TWO.example>,\r\n"
          " Team: third@three.example, fourth@four.example;\r\n\r\nbody\r\n",
          &message);
    assert_int_equal(message.reply_to_count, 4);
    assert_string_equal(message.reply_to[0].address, "first@one.example");
    assert_string_equal(message.reply_to[1].display, "Second");
    assert_string_equal(message.reply_to[1].domain, "two.example");
    assert_string_equal(message.reply_to[2].domain, "three.example");
    assert_string_equal(message.reply_to[3].address, "fourth@four.example");
    mail_message_release(&message);
}

static void test_mail_parse__garbage_addresses_kept_as_display(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: \"PayPal <<<\r\nReply-To: ,,,;;;<>\r\nSubject: x\r\n\r\nbody\r\n", &message);
    assert_model_sane(&message);
    /* Whatever GMime made of it, nothing is NULL and the domain is "" or lower case. */
    for (const char *c = message.from.domain; *c != '\0'; c++)
        assert_false(*c >= 'A' && *c <= 'Z');
    mail_message_release(&message);
}

/* ---- bodies and charsets ------------------------------------------------------ */

static void test_mail_parse__bodies_converted_to_utf8(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\n"
          "MIME-Version: 1.0\r\n"
          "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
          "--b1\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n"
          "0J/RgNC40LLRltGCLCDQstCw0Ygg0L7QsdC70ZbQutC+0LLQuNC5INC30LDQv9C40YEg0LHRg9C00LUg\r\n"
          "0LfQsNCx0LvQvtC60L7QstCw0L3Qvi4K\r\n"
          "--b1\r\n"
          "Content-Type: text/plain; charset=\"koi8-r\"\r\n"
          "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
          "=F0=C1=D2=CF=CC=D8 =C9=D3=D4=C5=CB=C1=C5=D4 =D3=C5=C7=CF=C4=CE=D1\r\n"
          "--b1\r\n"
          "Content-Type: text/plain; charset=windows-1251\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n"
          "z7Pk8uLl8OSz8vwg5ODtswo=\r\n"
          "--b1\r\n"
          "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n"
          "plain ascii\r\n"
          "--b1--\r\n",
          &message);
    assert_int_equal(message.body_count, 4);
    assert_non_null(
        strstr(message.bodies[0].text, "Привіт, ваш обліковий запис буде заблоковано."));
    assert_non_null(strstr(message.bodies[1].text, "Пароль истекает сегодня"));
    assert_non_null(strstr(message.bodies[2].text, "Підтвердіть дані"));
    assert_non_null(strstr(message.bodies[3].text, "plain ascii"));
    assert_true(has_notice(&message, "x-no-such-charset"));
    assert_int_equal(message.attachment_count, 0);
    assert_model_sane(&message);
    mail_message_release(&message);
}

static void test_mail_parse__undeclared_8bit_read_as_windows_1251(void **state)
{
    (void)state;
    struct ob_mail_message message;
    /* "Пароль" in windows-1251, no charset declared. */
    parse("From: a@example.org\r\nSubject: x\r\n\r\n\xcf\xe0\xf0\xee\xeb\xfc\r\n", &message);
    assert_int_equal(message.body_count, 1);
    assert_non_null(strstr(message.bodies[0].text, "Пароль"));
    mail_message_release(&message);
}

static void test_mail_parse__multipart_alternative(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\n"
          "Content-Type: multipart/alternative; boundary=alt\r\n\r\n"
          "preamble\r\n"
          "--alt\r\n"
          "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
          "Plain version https://plain.example/\r\n"
          "--alt\r\n"
          "Content-Type: text/html; charset=utf-8\r\n"
          "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
          "<p>HTML <a href=3D\"https://html.example/\">version</a></p>\r\n"
          "--alt--\r\n",
          &message);
    assert_int_equal(message.body_count, 2);
    assert_false(message.bodies[0].html);
    assert_true(message.bodies[1].html);
    assert_non_null(strstr(message.bodies[1].text, "href=\"https://html.example/\""));
    assert_non_null(find_link(&message, "https://plain.example/"));
    const struct ob_mail_link *link = find_link(&message, "https://html.example/");
    assert_non_null(link);
    assert_int_equal(link->kind, OB_LINK_ANCHOR);
    assert_string_equal(link->shown, "version");
    assert_int_equal(message.notice_count, 0);
    mail_message_release(&message);
}

static void test_mail_parse__nested_mixed_with_attachments(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\n"
          "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
          "--outer\r\n"
          "Content-Type: multipart/related; boundary=inner\r\n\r\n"
          "--inner\r\n"
          "Content-Type: text/html; charset=utf-8\r\n\r\n"
          "<p>See the attached invoice <img src=\"cid:logo\"></p>\r\n"
          "--inner\r\n"
          "Content-Type: image/PNG\r\n"
          "Content-Disposition: inline\r\n"
          "Content-ID: <logo>\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n"
          "iVBORw0KGgo=\r\n"
          "--inner--\r\n"
          "--outer\r\n"
          "Content-Type: application/octet-stream\r\n"
          "Content-Disposition: attachment;\r\n"
          " filename*=UTF-8''%D0%B7%D0%B2%D1%96%D1%82.pdf.exe\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n"
          "JVBERi0xLjQgZmFrZQo=\r\n"
          "--outer\r\n"
          "Content-Type: text/plain; name=\"notes.txt\"\r\n"
          "Content-Disposition: attachment\r\n\r\n"
          "a text attachment\r\n"
          "--outer--\r\n",
          &message);
    assert_int_equal(message.body_count, 1);
    assert_true(message.bodies[0].html);
    assert_int_equal(message.attachment_count, 3);

    const struct ob_mail_attachment *image = &message.attachments[0];
    assert_string_equal(image->content_type, "image/png");
    assert_true(image->inline_part);
    assert_int_equal(image->size, 8);
    assert_memory_equal(image->data, "\x89PNG\r\n\x1a\n", 8);

    const struct ob_mail_attachment *exe = &message.attachments[1];
    assert_string_equal(exe->filename, "звіт.pdf.exe");
    assert_string_equal(exe->content_type, "application/octet-stream");
    assert_false(exe->inline_part);
    assert_int_equal(exe->size, 14);
    assert_memory_equal(exe->data, "%PDF-1.4 fake\n", 14);

    assert_string_equal(message.attachments[2].filename, "notes.txt");
    assert_string_equal(message.attachments[2].content_type, "text/plain");
    /* A cid: image is part of the message, not a link. */
    assert_int_equal(message.link_count, 0);
    assert_model_sane(&message);
    mail_message_release(&message);
}

static void test_mail_parse__message_rfc822_descended(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: forwarder@example.org\r\n"
          "Subject: Fwd: hello\r\n"
          "Content-Type: multipart/mixed; boundary=fw\r\n\r\n"
          "--fw\r\n"
          "Content-Type: text/plain\r\n\r\n"
          "Look at this one\r\n"
          "--fw\r\n"
          "Content-Type: message/rfc822\r\n\r\n"
          "From: attacker@evil.example\r\n"
          "Subject: inner\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n\r\n"
          "Inner body https://inner.example/login\r\n"
          "--fw--\r\n",
          &message);
    assert_string_equal(message.subject, "Fwd: hello");
    assert_string_equal(message.from.address, "forwarder@example.org");
    assert_int_equal(message.body_count, 2);
    assert_non_null(strstr(message.bodies[1].text, "Inner body"));
    assert_non_null(find_link(&message, "https://inner.example/login"));
    /* The attached message's sender and subject are the forwarded ones. */
    assert_true(message.forwarded.present);
    assert_true(message.forwarded.attached);
    assert_string_equal(message.forwarded.from.address, "attacker@evil.example");
    assert_string_equal(message.forwarded.from.domain, "evil.example");
    assert_string_equal(message.forwarded.subject, "inner");
    mail_message_release(&message);
}

/* Outlook forwards an HTML-only message with the header block in HTML:
 * labels in bold, the address as &lt;...&gt;, lines broken by <br>, and
 * the source wrapped anywhere. Style sheets are not text. */
static void test_mail_parse__inline_forward_in_html_only(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: olena@org.example\nSubject: FW: Mailbox quota\n"
          "Content-Type: text/html; charset=utf-8\n\n"
          "<html><head><style>p.From: { color: red } Subject: x</style></head><body>"
          "<p>Is this real?</p><hr><div id=\"divRplyFwdMsg\"><font><b>From:</b> IT "
          "Service\n&lt;it-service@quota-owa.example&gt;<br><b>Sent:</b> Monday<br>"
          "<b>To:</b> Olena &lt;olena@org.example&gt;<br><b>Subject:</b> Mailbox&nbsp;quota "
          "&amp; storage</font></div><p>Click here</p></body></html>\n",
          &message);
    assert_true(message.forwarded.present);
    assert_false(message.forwarded.attached);
    assert_string_equal(message.forwarded.from.display, "IT Service");
    assert_string_equal(message.forwarded.from.address, "it-service@quota-owa.example");
    assert_string_equal(message.forwarded.subject, "Mailbox quota & storage");
    mail_message_release(&message);

    /* The same block with a plain-text part too: the plain text is read. */
    parse("From: olena@org.example\nSubject: FW: quota\nMIME-Version: 1.0\n"
          "Content-Type: multipart/alternative; boundary=b\n\n--b\n"
          "Content-Type: text/plain\n\nFrom: Plain <plain@text.example>\nSubject: quota\n"
          "--b\nContent-Type: text/html\n\n<b>From:</b> Html &lt;html@markup.example&gt;<br>"
          "<b>Subject:</b> quota\n--b--\n",
          &message);
    assert_true(message.forwarded.present);
    assert_string_equal(message.forwarded.from.address, "plain@text.example");
    mail_message_release(&message);

    /* Each header line in a block of its own: Thunderbird's table, Apple
     * Mail's and Word's one element per line. */
    const char *layouts[] = {
        ("<table><tr><th>From: </th><td>IT &lt;it@real.example&gt;</td></tr>\n"
         "<tr><th>Subject: </th><td>Quota</td></tr></table>"),
        "<div><b>From:</b> IT &lt;it@real.example&gt;</div>\n<div><b>Subject:</b> Quota</div>",
        "<p>From: IT &lt;it@real.example&gt; </p>\n<p>Subject: Quota</p>"};
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        char source[1024];
        snprintf(source, sizeof(source),
                 "From: olena@org.example\nSubject: Fwd: Quota\nContent-Type: text/html\n\n%s\n",
                 layouts[i]);
        parse(source, &message);
        assert_true(message.forwarded.present);
        assert_string_equal(message.forwarded.from.address, "it@real.example");
        assert_string_equal(message.forwarded.subject, "Quota");
        mail_message_release(&message);
    }

    /* Comments and scripts are not text, up to their own ends. */
    parse("From: olena@org.example\nSubject: FW: x\nContent-Type: text/html\n\n"
          "<!-- a > <br>From: Fake &lt;fake@comment.example&gt;<br>Subject: no -->"
          "<script>var s = \"<b>x</b><br>From: F &lt;f@script.example&gt;<br>Subject: no\";"
          "</script><b>From:</b> Real &lt;real@html.example&gt;<br><b>Subject:</b> yes\n",
          &message);
    assert_true(message.forwarded.present);
    assert_string_equal(message.forwarded.from.address, "real@html.example");
    mail_message_release(&message);

    /* The HTML is read only when the subject says forward: here a marker
     * line would otherwise make the block a forward. */
    parse("From: news@shop.example\nSubject: Offers\nContent-Type: text/html\n\n"
          "<p>---------- Forwarded message ---------<br><b>From:</b> our shop "
          "&lt;news@shop.example&gt;<br><b>Subject:</b> deals</p>\n",
          &message);
    assert_false(message.forwarded.present);
    mail_message_release(&message);
}

static void test_mail_parse__inline_forwards_found(void **state)
{
    (void)state;
    struct ob_mail_message message;
    /* Gmail: a marker line, From first. */
    parse("From: olena@org.example\nSubject: look at this\n\n"
          "Is this real?\n\n"
          "---------- Forwarded message ---------\n"
          "From: PayPal Service <service@paypa1.example>\n"
          "Date: Mon, 3 Jan 2022 at 10:00\n"
          "Subject: Your account is limited\n"
          "To: <olena@org.example>\n\nPlease log in.\n",
          &message);
    assert_true(message.forwarded.present);
    assert_false(message.forwarded.attached);
    assert_string_equal(message.forwarded.from.display, "PayPal Service");
    assert_string_equal(message.forwarded.from.address, "service@paypa1.example");
    assert_string_equal(message.forwarded.from.domain, "paypa1.example");
    assert_string_equal(message.forwarded.sender.address, "");
    assert_string_equal(message.forwarded.subject, "Your account is limited");
    mail_message_release(&message);

    /* Outlook in Portuguese: the subject says forward, "X em nome de Y". */
    parse("From: olena@org.example\nSubject: ENC: premio\n\n"
          "________________________________\n"
          "De: admin@x1.example <admin@x1.example> em nome de Loja Oficial <news@shop.example>\n"
          "Enviado: segunda-feira, 2 de janeiro de 2023 21:44\n"
          "Assunto: .Give Away\n\nhttp://bit.ly/x\n",
          &message);
    assert_true(message.forwarded.present);
    assert_string_equal(message.forwarded.from.display, "Loja Oficial");
    assert_string_equal(message.forwarded.from.address, "news@shop.example");
    assert_string_equal(message.forwarded.sender.address, "admin@x1.example");
    assert_string_equal(message.forwarded.sender.domain, "x1.example");
    assert_string_equal(message.forwarded.subject, ".Give Away");
    mail_message_release(&message);

    /* Thunderbird writes the subject first; Ukrainian Outlook labels. */
    parse("From: olena@org.example\nSubject: Fwd: Ваш пакунок\n\n"
          "-------- Forwarded Message --------\n"
          "Subject: \tВаш пакунок\n"
          "Date: \tTue, 4 Jan 2022\n"
          "From: \t\"Nova Poshta\" <info@novaposhta-ua.example>\n\ntext\n",
          &message);
    assert_true(message.forwarded.present);
    assert_string_equal(message.forwarded.from.display, "Nova Poshta");
    assert_string_equal(message.forwarded.from.domain, "novaposhta-ua.example");
    assert_string_equal(message.forwarded.subject, "Ваш пакунок");
    mail_message_release(&message);

    parse("From: olena@org.example\nSubject: FW: рахунок\n\n"
          "Від: Бухгалтерія [mailto:buh@pay.example]\n"
          "Тема: рахунок\n\n",
          &message);
    assert_true(message.forwarded.present);
    assert_string_equal(message.forwarded.from.display, "Бухгалтерія");
    assert_string_equal(message.forwarded.from.address, "buh@pay.example");
    mail_message_release(&message);
}

static void test_mail_parse__quoted_headers_without_forward_ignored(void **state)
{
    (void)state;
    struct ob_mail_message message;
    /* Russian Thunderbird's marker line, with an ordinary subject. */
    parse("From: olena@org.example\nSubject: глянь\n\n"
          "-------- Пересылаемое сообщение --------\n"
          "Тема: \tПароль истекает\n"
          "От: \tПоддержка <help@mail-support.example>\n\n",
          &message);
    assert_true(message.forwarded.present);
    assert_string_equal(message.forwarded.from.address, "help@mail-support.example");
    assert_string_equal(message.forwarded.subject, "Пароль истекает");
    mail_message_release(&message);
    /* A reply quoting the earlier message is not a forward. */
    parse("From: olena@org.example\nSubject: Re: budget\n\n"
          "Fine by me.\n\n"
          "-----Original Message-----\n"
          "From: Taras <taras@org.example>\n"
          "Subject: budget\n\nDraft attached.\n",
          &message);
    assert_false(message.forwarded.present);
    assert_string_equal(message.forwarded.from.address, "");
    assert_string_equal(message.forwarded.subject, "");
    mail_message_release(&message);
    /* A forward whose block has no address, or no subject line. */
    parse("From: olena@org.example\nSubject: Fwd: note\n\n"
          "From: Taras\nSubject: note\n\n"
          "From: taras@org.example\nno subject line here\n",
          &message);
    assert_false(message.forwarded.present);
    mail_message_release(&message);
}

static void test_mail_parse__headers_only(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("Delivered-To: me@example.org\n"
          "Received: from x.example by y.example\n"
          "From: \"Bank\" <alerts@bank.example>\n"
          "Subject: Account locked\n",
          &message);
    assert_true(message.headers_only);
    assert_int_equal(message.body_count, 0);
    assert_int_equal(message.header_count, 4);
    assert_string_equal(message.subject, "Account locked");
    assert_string_equal(message.from.domain, "bank.example");
    mail_message_release(&message);

    parse("From: a@example.org\r\nSubject: blank body\r\n\r\n  \r\n\r\n", &message);
    assert_true(message.headers_only);
    mail_message_release(&message);

    /* Pasted with blank lines and indentation before the first header. */
    parse("\r\n\n   Subject: pasted\nFrom: a@example.org\n", &message);
    assert_true(message.headers_only);
    assert_string_equal(message.subject, "pasted");
    mail_message_release(&message);
}

/* ---- mbox --------------------------------------------------------------------- */

struct pieces {
    size_t count;
    char *text[8];
    size_t index[8];
};

static enum ob_status collect(void *user, size_t index, const char *data, size_t length)
{
    struct pieces *pieces = user;
    if (pieces->count == 8)
        return OB_ERR_LIMIT;
    pieces->text[pieces->count] = strndup(data, length);
    pieces->index[pieces->count++] = index;
    return OB_OK;
}

static void test_mail_parse__mbox_split_and_unquote(void **state)
{
    (void)state;
    static const char mbox[] = "From alice@example.org Mon Jan  1 10:00:00 2024\n"
                               "From: alice@example.org\n"
                               "Subject: one\n"
                               "\n"
                               "First body.\n"
                               ">From the start, quoted.\n"
                               ">>From twice quoted.\n"
                               "From the desk of nobody (not a separator: no blank line before)\n"
                               "\n"
                               "From MAILER-DAEMON Tue Jan  2 11:00:00 2024\n"
                               "From: bob@example.org\n"
                               "Subject: two\n"
                               "\n"
                               "Second body.\n"
                               "\n"
                               "From the desk of nobody, after a blank line but without a date\n"
                               "\n"
                               "From - Wed Jan  3 12:00:00 2024\n"
                               "From: carol@example.org\n"
                               "Subject: three\n"
                               "\n"
                               "Third body.\n";
    assert_true(mail_is_mbox(mbox, strlen(mbox)));
    assert_false(mail_is_mbox("From: a@example.org\n\nx", 22));
    assert_false(mail_is_mbox("", 0));

    struct pieces pieces = {0};
    assert_int_equal(mail_mbox_split(mbox, strlen(mbox), collect, &pieces), OB_OK);
    assert_int_equal(pieces.count, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(pieces.index[i], i);
    assert_true(strncmp(pieces.text[0], "From: alice@example.org\n", 24) == 0);
    assert_non_null(strstr(pieces.text[0], "\nFrom the start, quoted.\n"));
    assert_non_null(strstr(pieces.text[0], "\n>From twice quoted.\n"));
    assert_null(strstr(pieces.text[0], "MAILER-DAEMON"));
    assert_non_null(strstr(pieces.text[1], "without a date"));
    assert_true(strncmp(pieces.text[2], "From: carol@example.org\n", 24) == 0);

    struct ob_mail_message message;
    parse(pieces.text[1], &message);
    assert_string_equal(message.subject, "two");
    mail_message_release(&message);
    for (size_t i = 0; i < pieces.count; i++)
        free(pieces.text[i]);

    /* A callback error stops the split and is returned. */
    struct pieces full = {.count = 8};
    assert_int_equal(mail_mbox_split(mbox, strlen(mbox), collect, &full), OB_ERR_LIMIT);
}

/* ---- links -------------------------------------------------------------------- */

static void test_mail_parse__links_in_html(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\n"
          "Content-Type: text/html; charset=utf-8\r\n\r\n"
          "<html><head><title>https://title.example/</title>\r\n"
          "<style>a { background: url(https://style.example/x.png) }</style></head><body>\r\n"
          "<p>Dear user, visit https://plain.example.org/path.</p>\r\n"
          "<a class=\"btn\" href=\"https://evil.example/login\">https://www.paypal.com</a>\r\n"
          "<A HREF='https://x.example/?a=1&amp;b=2'>Click <b>here</b>\r\n   now</A>\r\n"
          "<a href=https://unquoted.example/p>Unquoted&nbsp;&amp;&#32;bold</a>\r\n"
          "<a href=\"&#104;&#x74;tps://entity.example/\">Entities &lt;ok&gt;</a>\r\n"
          "<a href=\"java&#x09;script:alert(1)\">Run</a>\r\n"
          "<a href=\"  https://spaces.example/ \">Spaces</a>\r\n"
          "<form method=post ACTION=\"https://collect.example/post\"><input name=p></form>\r\n"
          "<img alt=\"x\" src=\"https://track.example/p.gif\"><iframe "
          "src=//frame.example/></iframe>\r\n"
          "<a href=\"mailto:x@example.org\">mail us</a> <a href=\"#top\">top</a>\r\n"
          "<!-- https://comment.example/ -->\r\n"
          "<script>var u = \"https://script.example/\";</script>\r\n"
          "Go to www.bare-host.example, then (see https://paren.example/a_(b)) and "
          "[https://sq.example/x]! 1 < 2 https://after-lt.example/\r\n"
          "<a href=\"https://unclosed.example/\">never closed\r\n"
          "</body></html>\r\n",
          &message);
    assert_int_equal(message.body_count, 1);

    const struct ob_mail_link *link = find_link(&message, "https://evil.example/login");
    assert_non_null(link);
    assert_int_equal(link->kind, OB_LINK_ANCHOR);
    assert_string_equal(link->shown, "https://www.paypal.com");

    link = find_link(&message, "https://x.example/?a=1&b=2");
    assert_non_null(link);
    assert_string_equal(link->shown, "Click here now");

    link = find_link(&message, "https://unquoted.example/p");
    assert_non_null(link);
    assert_string_equal(link->shown, "Unquoted & bold");

    link = find_link(&message, "https://entity.example/");
    assert_non_null(link);
    assert_string_equal(link->shown, "Entities <ok>");

    assert_non_null(find_link(&message, "javascript:alert(1)"));
    assert_non_null(find_link(&message, "https://spaces.example/"));

    link = find_link(&message, "https://collect.example/post");
    assert_non_null(link);
    assert_int_equal(link->kind, OB_LINK_FORM);
    link = find_link(&message, "https://track.example/p.gif");
    assert_non_null(link);
    assert_int_equal(link->kind, OB_LINK_IMAGE);
    assert_non_null(find_link(&message, "//frame.example/"));

    link = find_link(&message, "https://plain.example.org/path");
    assert_non_null(link);
    assert_int_equal(link->kind, OB_LINK_TEXT);
    assert_string_equal(link->shown, "");
    assert_non_null(find_link(&message, "www.bare-host.example"));
    assert_non_null(find_link(&message, "https://paren.example/a_(b)"));
    assert_non_null(find_link(&message, "https://sq.example/x"));
    assert_non_null(find_link(&message, "https://after-lt.example/"));
    link = find_link(&message, "https://unclosed.example/");
    assert_non_null(link);
    assert_string_equal(link->shown, "never closed");

    /* Not shown to the reader, or not a web link. */
    assert_null(find_link(&message, "mailto:x@example.org"));
    assert_null(find_link(&message, "#top"));
    assert_null(find_link(&message, "https://comment.example/"));
    assert_null(find_link(&message, "https://script.example/"));
    assert_null(find_link(&message, "https://title.example/"));
    /* The shown URL of the first anchor is not a second, bare link. */
    assert_null(find_link(&message, "https://www.paypal.com"));
    assert_int_equal(message.link_count, 15);
    mail_message_release(&message);
}

static void test_mail_parse__links_in_text(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\nSubject: links\r\n\r\n"
          "See https://a.example/x?y=1, and HTTP://B.example/.\r\n"
          "Wrapped <https://c.example/path> and \"ftp://files.example/f.zip\";\r\n"
          "Visit www.d.example! or www.e.example/login?u=1: now\r\n"
          "Write to mailto:someone@example.org or someone@www.example.org\r\n"
          "Not links: xhttp://no.example nowww.f.example www. http://\r\n"
          "Twice: https://a.example/x?y=1\r\n"
          "Unicode: https://пример.example/шлях\xc2\xa0next\r\n",
          &message);
    assert_non_null(find_link(&message, "https://a.example/x?y=1"));
    assert_non_null(find_link(&message, "HTTP://B.example/"));
    assert_non_null(find_link(&message, "https://c.example/path"));
    assert_non_null(find_link(&message, "ftp://files.example/f.zip"));
    assert_non_null(find_link(&message, "www.d.example"));
    assert_non_null(find_link(&message, "www.e.example/login?u=1"));
    assert_non_null(find_link(&message, "https://пример.example/шлях"));
    assert_int_equal(message.link_count, 7);
    mail_message_release(&message);
}

static void test_mail_parse__links_capped(void **state)
{
    (void)state;
    size_t count = OB_MAIL_URLS_MAX + 500;
    char *text = malloc(count * 40 + 100);
    assert_non_null(text);
    size_t used = (size_t)sprintf(text, "From: a@example.org\r\n\r\n");
    for (size_t i = 0; i < count; i++)
        used += (size_t)sprintf(text + used, "https://h%zu.example/ ", i);
    struct ob_mail_message message;
    parse(text, &message);
    assert_int_equal(message.link_count, OB_MAIL_URLS_MAX);
    assert_true(has_notice(&message, "links"));
    mail_message_release(&message);
    free(text);
}

/* ---- hostile input ---------------------------------------------------------------- */

static void test_mail_parse__broken_boundary(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\n"
          "Content-Type: multipart/mixed; boundary=\"declared\"\r\n\r\n"
          "--other\r\n"
          "Content-Type: text/plain\r\n\r\n"
          "text that never meets its boundary https://lost.example/\r\n"
          "--declared\r\n"
          "Content-Type: text/plain\r\n\r\n"
          "a part that never ends\r\n",
          &message);
    assert_model_sane(&message);
    assert_true(message.notice_count > 0);
    mail_message_release(&message);

    parse("From: a@example.org\r\nContent-Type: multipart/mixed\r\n\r\nno boundary at all\r\n",
          &message);
    assert_model_sane(&message);
    assert_true(has_notice(&message, "boundary"));
    mail_message_release(&message);
}

static void test_mail_parse__ten_thousand_parts_bounded(void **state)
{
    (void)state;
    static const char head[] = "From: a@example.org\r\n"
                               "Content-Type: multipart/mixed; boundary=p\r\n\r\n";
    static const char part[] = "--p\r\nContent-Type: application/octet-stream\r\n\r\nxx\r\n";
    size_t count = 10000;
    char *text = malloc(sizeof(head) + count * sizeof(part) + 16);
    assert_non_null(text);
    size_t used = (size_t)sprintf(text, "%s", head);
    for (size_t i = 0; i < count; i++)
        used += (size_t)sprintf(text + used, "%s", part);
    sprintf(text + used, "--p--\r\n");

    clock_t start = clock();
    struct ob_mail_message message;
    parse(text, &message);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_true(has_notice(&message, "more than 1000 parts"));
    assert_int_equal(message.attachment_count, OB_MAIL_ATTACHMENTS_MAX);
    assert_true(has_notice(&message, "attachments"));
    /* Generous bound, sanitizers included: the point is "not quadratic". */
    assert_true(seconds < 20.0);
    mail_message_release(&message);
    free(text);
}

static void test_mail_parse__megabyte_header_line(void **state)
{
    (void)state;
    size_t big = (size_t)1 << 20;
    char *text = malloc(big + 200);
    assert_non_null(text);
    size_t used = (size_t)sprintf(text, "From: a@example.org\r\nSubject: ");
    memset(text + used, 'A', big);
    used += big;
    used += (size_t)sprintf(text + used, "\r\nX-Long: =?utf-8?b?");
    sprintf(text + used, "\r\n\r\nbody\r\n");
    struct ob_mail_message message;
    parse(text, &message);
    assert_int_equal(strlen(message.subject), OB_MAIL_HEADER_MAX);
    assert_true(has_notice(&message, "header is longer"));
    assert_int_equal(message.body_count, 1);
    assert_model_sane(&message);
    mail_message_release(&message);
    free(text);
}

static void test_mail_parse__deep_nesting_capped(void **state)
{
    (void)state;
    size_t depth = 500;
    char *text = malloc(depth * 120 + 200);
    assert_non_null(text);
    size_t used = (size_t)sprintf(text, "From: a@example.org\r\n");
    for (size_t i = 0; i < depth; i++)
        used +=
            (size_t)sprintf(text + used,
                            "Content-Type: multipart/mixed; boundary=\"b%zu\"\r\n\r\n--b%zu\r\n", i,
                            i);
    used += (size_t)sprintf(text + used, "Content-Type: text/plain\r\n\r\ndeepest\r\n");
    for (size_t i = depth; i-- > 0;)
        used += (size_t)sprintf(text + used, "--b%zu--\r\n", i);
    struct ob_mail_message message;
    parse(text, &message);
    assert_true(has_notice(&message, "nested more than 32 deep"));
    assert_int_equal(message.body_count, 0);
    assert_model_sane(&message);
    mail_message_release(&message);
    free(text);
}

static void test_mail_parse__invalid_base64_and_nul_bytes(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\n"
          "Content-Type: multipart/mixed; boundary=z\r\n\r\n"
          "--z\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n"
          "!!!@@@### SGVsbG8g/w== ***\r\n"
          "--z\r\n"
          "Content-Type: application/pdf\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n"
          "%%%%\r\n"
          "--z--\r\n",
          &message);
    assert_model_sane(&message);
    assert_int_equal(message.attachment_count, 1);
    mail_message_release(&message);

    static const char with_nul[] = "From: a@example.org\r\nSubject: n\0ul\r\n\r\nbefore\0after "
                                   "\xff\xfe invalid https://nul.example/\0x\r\n";
    parse_bytes(with_nul, sizeof(with_nul) - 1, &message);
    assert_model_sane(&message);
    assert_int_equal(message.body_count, 1);
    assert_non_null(strstr(message.bodies[0].text, "after"));
    assert_non_null(find_link(&message, "https://nul.example/"));
    mail_message_release(&message);
}

static void test_mail_parse__empty_and_random_input(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse_bytes("", 0, &message);
    assert_int_equal(message.body_count, 0);
    assert_int_equal(message.header_count, 0);
    assert_false(message.headers_only);
    assert_string_equal(message.subject, "");
    assert_string_equal(message.source, "test.eml");
    mail_message_release(&message);

    parse("Just some pasted text with https://pasted.example/ in it\n", &message);
    assert_int_equal(message.header_count, 0);
    assert_int_equal(message.body_count, 1);
    assert_non_null(find_link(&message, "https://pasted.example/"));
    mail_message_release(&message);

    uint32_t seed = 12345;
    size_t size = 64 << 10;
    unsigned char *junk = malloc(size);
    assert_non_null(junk);
    for (int round = 0; round < 40; round++) {
        for (size_t i = 0; i < size; i++) {
            seed = seed * 1103515245u + 12345u;
            junk[i] = (unsigned char)(seed >> 16);
        }
        /* Some rounds look a little like mail, to reach deeper code. */
        if (round % 2 == 1)
            memcpy(junk, "Content-Type: multipart/mixed; boundary=q\n\n--q\n", 47);
        parse_bytes((const char *)junk, size, &message);
        assert_model_sane(&message);
        mail_message_release(&message);
    }
    free(junk);
}

static void test_mail_parse__unclosed_boundary_quote_recovered(void **state)
{
    (void)state;
    struct ob_mail_message message;
    parse("From: a@example.org\r\n"
          "Content-Type: multipart/alternative;boundary=\"--_=_hidden_=_\r\n"
          "Subject: hidden body\r\n\r\n"
          "----_=_hidden_=_\r\n"
          "Content-Type: text/plain\r\n\r\n"
          "Your parcel is waiting https://parcel.example/track\r\n"
          "----_=_hidden_=_\r\n"
          "Content-Type: text/html\r\n\r\n"
          "<a href=\"https://evil.example/\">Track</a>\r\n"
          "----_=_hidden_=_--\r\n",
          &message);
    assert_int_equal(message.body_count, 2);
    assert_false(message.headers_only);
    assert_non_null(find_link(&message, "https://parcel.example/track"));
    assert_non_null(find_link(&message, "https://evil.example/"));
    assert_true(has_notice(&message, "boundary found in it"));
    mail_message_release(&message);
}

/* Repeats `unit` until `size` bytes after `head`, then appends `tail`. */
static char *flood(const char *head, const char *unit, size_t size, const char *tail)
{
    size_t unit_length = strlen(unit);
    char *text = malloc(strlen(head) + size + unit_length + strlen(tail) + 1);
    assert_non_null(text);
    size_t used = (size_t)sprintf(text, "%s", head);
    for (size_t written = 0; written < size; written += unit_length)
        used += (size_t)sprintf(text + used, "%s", unit);
    sprintf(text + used, "%s", tail);
    return text;
}

static void test_mail_parse__header_and_part_floods_bounded(void **state)
{
    (void)state;
    size_t size = (size_t)4 << 20;
    struct ob_mail_message message;

    char *text = flood("From: a@example.org\n", "a:b\n", size, "\nbody\n");
    parse(text, &message);
    assert_true(has_notice(&message, "header lines"));
    assert_int_equal(message.header_count, OB_MAIL_HEADERS_MAX);
    mail_message_release(&message);
    free(text);

    text = flood("From: a@example.org\nContent-Type: multipart/mixed; boundary=p\n\n", "--p\n\n",
                 size, "--p--\n");
    parse(text, &message);
    assert_true(has_notice(&message, "MIME boundaries"));
    mail_message_release(&message);
    free(text);

    /* One huge address list, then many smaller ones. */
    text = flood("From: a@example.org\nTo: ", "a@b.example, ", size, "\n\nbody\n");
    parse(text, &message);
    assert_true(has_notice(&message, "header is longer"));
    assert_int_equal(message.body_count, 1);
    mail_message_release(&message);
    free(text);

    text = flood("From: a@example.org\n", "Cc: a@b.example, c@d.example, e@f.example\n",
                 (size_t)1 << 20, "\nbody\n");
    parse(text, &message);
    assert_true(has_notice(&message, "in all"));
    assert_int_equal(message.body_count, 1);
    assert_string_equal(message.bodies[0].text, "body\n");
    mail_message_release(&message);
    free(text);
}

static void test_mail_parse__budget_leaves_bodies_alone(void **state)
{
    (void)state;
    /* HTML with "-->" lines and a long indented block, after a boundary
     * line that is not a declared boundary: nothing may be cut. */
    char *text = flood("From: a@example.org\nContent-Type: text/html\n\n<!--[if mso]>\n-->\n"
                       "--not-a-boundary\nName: value\n",
                       "    <td>indented cell</td>\n", (size_t)200 << 10,
                       "<p>the end https://end.example/</p>\n");
    struct ob_mail_message message;
    parse(text, &message);
    assert_int_equal(message.body_count, 1);
    assert_non_null(strstr(message.bodies[0].text, "the end"));
    assert_non_null(find_link(&message, "https://end.example/"));
    assert_int_equal(message.notice_count, 0);
    mail_message_release(&message);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mail_parse__subjects_in_encoded_words),
        cmocka_unit_test(test_mail_parse__headers_in_order_unfolded),
        cmocka_unit_test(test_mail_parse__from_display_name_encoded),
        cmocka_unit_test(test_mail_parse__reply_to_list),
        cmocka_unit_test(test_mail_parse__garbage_addresses_kept_as_display),
        cmocka_unit_test(test_mail_parse__bodies_converted_to_utf8),
        cmocka_unit_test(test_mail_parse__undeclared_8bit_read_as_windows_1251),
        cmocka_unit_test(test_mail_parse__multipart_alternative),
        cmocka_unit_test(test_mail_parse__nested_mixed_with_attachments),
        cmocka_unit_test(test_mail_parse__message_rfc822_descended),
        cmocka_unit_test(test_mail_parse__inline_forwards_found),
        cmocka_unit_test(test_mail_parse__inline_forward_in_html_only),
        cmocka_unit_test(test_mail_parse__quoted_headers_without_forward_ignored),
        cmocka_unit_test(test_mail_parse__headers_only),
        cmocka_unit_test(test_mail_parse__mbox_split_and_unquote),
        cmocka_unit_test(test_mail_parse__links_in_html),
        cmocka_unit_test(test_mail_parse__links_in_text),
        cmocka_unit_test(test_mail_parse__links_capped),
        cmocka_unit_test(test_mail_parse__broken_boundary),
        cmocka_unit_test(test_mail_parse__ten_thousand_parts_bounded),
        cmocka_unit_test(test_mail_parse__megabyte_header_line),
        cmocka_unit_test(test_mail_parse__deep_nesting_capped),
        cmocka_unit_test(test_mail_parse__invalid_base64_and_nul_bytes),
        cmocka_unit_test(test_mail_parse__empty_and_random_input),
        cmocka_unit_test(test_mail_parse__unclosed_boundary_quote_recovered),
        cmocka_unit_test(test_mail_parse__header_and_part_floods_bounded),
        cmocka_unit_test(test_mail_parse__budget_leaves_bodies_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
