import Testing
@testable import LovnadCore

@Suite struct SafeMarkdownTests {
    @Test func rendersTheSubset() {
        #expect(SafeMarkdown.html("Vi velger **Kotlin** og *Spring*.") == "<p>Vi velger <strong>Kotlin</strong> og <em>Spring</em>.</p>")
        #expect(SafeMarkdown.html("linje 1\nlinje 2\n\nnytt avsnitt") == "<p>linje 1<br>linje 2</p><p>nytt avsnitt</p>")
        #expect(SafeMarkdown.html("- en\n- to") == "<ul><li>en</li><li>to</li></ul>")
        #expect(SafeMarkdown.html("1. først\n2. så") == "<ol><li>først</li><li>så</li></ol>")
        #expect(SafeMarkdown.html("> sitat\n> videre") == "<blockquote><p>sitat<br>videre</p></blockquote>")
        #expect(SafeMarkdown.html("```\nlet x = 1 < 2\n```") == "<pre><code>let x = 1 &lt; 2</code></pre>")
        #expect(SafeMarkdown.html("Se `a < b`") == "<p>Se <code>a &lt; b</code></p>")
        #expect(SafeMarkdown.html("[Lovnad](https://lovnad.example/a?b=1&c=2)")
                == "<p><a href=\"https://lovnad.example/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">Lovnad</a></p>")
        #expect(SafeMarkdown.html("[skriv](mailto:hei@example.no)").contains("href=\"mailto:hei@example.no\""))
    }

    @Test func rawHTMLAndDangerousLinksStayText() {
        #expect(SafeMarkdown.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(!SafeMarkdown.html("[klikk](javascript:alert(1))").contains("<a"))
        #expect(SafeMarkdown.html("[klikk](javascript:alert(1))").contains("[klikk](javascript:alert(1)"))
        #expect(!SafeMarkdown.html("[x](JaVaScRiPt:alert(1))").contains("<a"))
        #expect(!SafeMarkdown.html("[x](https://a.example\" onmouseover=\"alert(1))").contains("onmouseover=\""))
        #expect(SafeMarkdown.html("<img src=x onerror=alert(1)>").hasPrefix("<p>&lt;img"))
        #expect(SafeMarkdown.html("**<b>fet</b>**") == "<p><strong>&lt;b&gt;fet&lt;/b&gt;</strong></p>")
    }

    @Test func unclosedMarkersAreText() {
        #expect(SafeMarkdown.html("2 * 3 = 6") == "<p>2 * 3 = 6</p>")
        #expect(SafeMarkdown.html("**halv") == "<p>**halv</p>")
        #expect(SafeMarkdown.html("`åpen") == "<p>`åpen</p>")
    }
}
