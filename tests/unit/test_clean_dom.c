/* ks_clean_dom: small HTML inputs parsed with ks_html_parse, the tree
 * checked in S-expression form. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cleaner.h"
#include "diag.h"
#include "html.h"
#include "node.h"
#include "tree_sexp.h"

static char *
tree_of(const char *html)
{
	xmlDoc *doc = ks_html_parse(html, strlen(html));
	struct ks_node *t = ks_clean_dom((xmlNode *)doc, "test.html");
	char *s = tree_sexp(t);

	ks_node_free(t);
	xmlFreeDoc(doc);
	return s;
}

#define CHECK_TREE(html, want) do {					\
	char *s_ = tree_of(html);					\
	CHECK_STR(s_, want);						\
	free(s_);							\
} while (0)

static void
test_basic(void)
{
	CHECK_TREE("<p>a <b>b</b></p>",
	    "(document (paragraph (text \"a \") (strong (text \"b\"))))");
	CHECK_TREE("<h2>Title</h2><blockquote><p>q</p></blockquote><hr>",
	    "(document (heading 2 (text \"Title\")) (quote (paragraph "
	    "(text \"q\"))) (rule))");
	CHECK_TREE("<p><i>i</i><em>e</em><cite>c</cite><strong>s</strong>"
	    "</p>", "(document (paragraph (emph (text \"i\")) (emph "
	    "(text \"e\")) (emph (text \"c\")) (strong (text \"s\"))))");
	/* Unknown and presentational elements are unwrapped. */
	CHECK_TREE("<p><span style=\"color:red\">a</span><font>b</font>"
	    "<foo>c</foo><u>d</u><x:y>e</x:y></p>",
	    "(document (paragraph (text \"abcde\")))");
	/* Text directly in the body and between blocks. */
	CHECK_TREE("loose <div>in div</div> tail",
	    "(document (paragraph (text \"loose\")) (paragraph "
	    "(text \"in div\")) (paragraph (text \"tail\")))");
	/* Both the document and its root element are accepted. */
	{
		const char *h = "<p>x</p>";
		xmlDoc *doc = ks_html_parse(h, strlen(h));
		struct ks_node *t = ks_clean_dom(xmlDocGetRootElement(doc),
		    "t");
		char *s = tree_sexp(t);

		CHECK_STR(s, "(document (paragraph (text \"x\")))");
		free(s);
		ks_node_free(t);
		xmlFreeDoc(doc);
		t = ks_clean_dom(NULL, "t");
		s = tree_sexp(t);
		CHECK_STR(s, "(document)");
		free(s);
		ks_node_free(t);
	}
}

static void
test_whitespace(void)
{
	CHECK_TREE("<p>  a \n\t b  </p>",
	    "(document (paragraph (text \"a b\")))");
	CHECK_TREE("<div>\n  <p>a</p>\n  <p>b</p>\n</div>",
	    "(document (paragraph (text \"a\")) (paragraph (text \"b\")))");
	/* A line break between CJK characters disappears... */
	CHECK_TREE("<p>中文\n测试</p>",
	    "(document (paragraph (text \"中文测试\")))");
	CHECK_TREE("<p>第一行，\n  第二行。</p>",
	    "(document (paragraph (text \"第一行，第二行。\")))");
	/* ... also across elements ... */
	CHECK_TREE("<p>中\n<b>文</b></p>",
	    "(document (paragraph (text \"中\") (strong (text \"文\"))))");
	/* ... but not between Latin words, nor next to one, nor a space. */
	CHECK_TREE("<p>abc\ndef</p>",
	    "(document (paragraph (text \"abc def\")))");
	CHECK_TREE("<p>中文\nabc</p>",
	    "(document (paragraph (text \"中文 abc\")))");
	CHECK_TREE("<p>中文 测试</p>",
	    "(document (paragraph (text \"中文 测试\")))");
	/* The space stays where it was, outside the emphasis. */
	CHECK_TREE("<p>a <em>b</em> c</p>",
	    "(document (paragraph (text \"a \") (emph (text \"b\")) "
	    "(text \" c\")))");
	CHECK_TREE("<p>a<em> </em>b</p>",
	    "(document (paragraph (text \"a b\")))");
	/* NBSP is text; a paragraph of only NBSPs and spaces is empty. */
	CHECK_TREE("<p>a&nbsp;&nbsp;b</p>",
	    "(document (paragraph (text \"a\xC2\xA0\xC2\xA0" "b\")))");
	CHECK_TREE("<p>&nbsp; &nbsp;</p><p>x</p><p> </p>",
	    "(document (paragraph (text \"x\")))");
}

static void
test_breaks(void)
{
	CHECK_TREE("<p>a<br>b</p>",
	    "(document (paragraph (text \"a\") (linebreak) (text \"b\")))");
	CHECK_TREE("<p><br>a <br> </p>",
	    "(document (paragraph (text \"a\")))");
	/* Corpus 009: two <br>s in a row separate paragraphs. */
	CHECK_TREE("<div><br>one<br>\ntwo<br>\n<br>three<br><br><br>four"
	    "</div>", "(document (paragraph (text \"one\") (linebreak) "
	    "(text \"two\")) (paragraph (text \"three\")) (paragraph "
	    "(text \"four\")))");
	/* Inline formatting carries over the split. */
	CHECK_TREE("<p><b>x<br><br>y</b></p>",
	    "(document (paragraph (strong (text \"x\"))) (paragraph "
	    "(strong (text \"y\"))))");
	/* In a heading or cell they are one line break. */
	CHECK_TREE("<h3>a<br><br>b</h3>",
	    "(document (heading 3 (text \"a\") (linebreak) (text \"b\")))");
}

static void
test_dropped(void)
{
	CHECK_TREE("<p>a<script>alert('s')</script>b</p>"
	    "<style>p { color: red }</style><iframe src=\"x\">f</iframe>"
	    "<noscript>n</noscript><template>t</template>"
	    "<object>o</object><embed src=e><form>fo<input value=i>"
	    "<button>bu</button><select><option>op</select>"
	    "<textarea>ta</textarea></form><svg><text>sv</text></svg>"
	    "<video>v</video><audio>au</audio><canvas>c</canvas>"
	    "<nav>na</nav><!-- comment --><?pi x?>",
	    "(document (paragraph (text \"ab\")))");
	/* Event handlers and javascript: URLs cannot survive: the tree has
	 * no attributes, and script links are only their text. */
	CHECK_TREE("<p onclick=\"steal()\" class=c data-x=1 style=\"x:y\">"
	    "<a href=\" JavaScript:alert(1)\">t</a><a href=\"u\" "
	    "onmouseover=\"x()\">l</a></p>",
	    "(document (paragraph (text \"t\") (link \"u\" (text \"l\"))))");
	CHECK_TREE("<p>x<img src=\"javascript:evil()\" alt=\"pic\"></p>",
	    "(document (paragraph (text \"xpic\")))");
	/* Hidden, in every spelling. */
	CHECK_TREE("<p style=\"display:none\">1</p>"
	    "<p style=\"color:red; DISPLAY : NONE !important\">2</p>"
	    "<div style=\"visibility: hidden\">3</div><span hidden>4</span>"
	    "<p aria-hidden=\"true\">5</p><p style=\"display:block\">6</p>",
	    "(document (paragraph (text \"6\")))");
	/* Share widgets; a long element is text whatever its class. */
	CHECK_TREE("<div class=\"bdsharebuttonbox\"><a href=\"#\">分享到"
	    "</a></div><div id=\"Social-Links\">s</div>"
	    "<div class=\"jiathis_style\">j</div><p>body</p>",
	    "(document (paragraph (text \"body\")))");
	{
		struct ks_buf h = KS_BUF_INIT;
		char *s;
		int i;

		ks_buf_puts(&h, "<div class=\"share-wrap\"><p>");
		for (i = 0; i < 30; i++)
			ks_buf_puts(&h, "article text ");
		ks_buf_puts(&h, "</p></div>");
		s = tree_of(h.ptr);
		CHECK(strstr(s, "article text article") != NULL);
		free(s);
		ks_buf_free(&h);
	}
	/* The eastmoney stock chart, however it is marked. */
	CHECK_TREE("<p>a</p><!-- EM_StockImg_Start --><p>chart</p>"
	    "<!-- EM_StockImg_End --><p>b</p>",
	    "(document (paragraph (text \"a\")) (paragraph (text \"b\")))");
	CHECK_TREE("<!-- EM_StockImg_Start --><p>no end</p>",
	    "(document (paragraph (text \"no end\")))");
	CHECK_TREE("<p><a class=\"EmImageRemark\" href=\"q\">K</a>x"
	    "<img src=\"https://webquoteklinepic.eastmoney.com/G.aspx?n=1\">"
	    "</p>", "(document (paragraph (text \"x\")))");
}

static void
test_images(void)
{
	CHECK_TREE("<p><img src=\"a.jpg\" alt=\" A \n b \" title=\"T\">"
	    "<img src=\"b.png\"></p>",
	    "(document (paragraph (image \"a.jpg\" \"A b\" \"T\") "
	    "(image \"b.png\" \"\")))");
	/* Lazy images. */
	CHECK_TREE("<p><img src=\"data:image/gif;base64,R0lGOD\" "
	    "data-src=\"real.jpg\" alt=\"A\"></p>",
	    "(document (paragraph (image \"real.jpg\" \"A\")))");
	CHECK_TREE("<p><img data-original=\"o.jpg\"></p>",
	    "(document (paragraph (image \"o.jpg\" \"\")))");
	CHECK_TREE("<p><img src=\"/img/blank.gif\" data-lazy-src=\"l.jpg\">"
	    "</p>", "(document (paragraph (image \"l.jpg\" \"\")))");
	CHECK_TREE("<p><img src=\"ok.jpg\" data-original=\"o.jpg\"></p>",
	    "(document (paragraph (image \"ok.jpg\" \"\")))");
	CHECK_TREE("<p><img src=\"ok.jpg\" data-src=\"big.jpg\"></p>",
	    "(document (paragraph (image \"big.jpg\" \"\")))");
	/* No source at all: the alt text is what is left. */
	CHECK_TREE("<p><img alt=\"only alt\"></p>",
	    "(document (paragraph (text \"only alt\")))");
	/* An image inside a link stays there. */
	CHECK_TREE("<a href=\"u\"><img src=\"i.jpg\" alt=\"x\"></a>",
	    "(document (paragraph (link \"u\" (image \"i.jpg\" \"x\"))))");
	CHECK_TREE("<center><img src=\"c.jpg\"></center>",
	    "(document (paragraph (image \"c.jpg\" \"\")))");
}

static void
test_code(void)
{
	CHECK_TREE("<pre><code class=\"language-c\">int x;\n  y &lt; 2;\n"
	    "</code></pre>",
	    "(document (code_block \"c\" \"int x;\\n  y < 2;\\n\"))");
	CHECK_TREE("<pre class=\"lang-py\">\nif x:\n    <b>pass</b></pre>",
	    "(document (code_block \"py\" \"if x:\\n    pass\"))");
	CHECK_TREE("<pre>a<br>b</pre>",
	    "(document (code_block \"a\\nb\"))");
	CHECK_TREE("<p>use <code> x \n y </code>now <kbd>K</kbd></p>",
	    "(document (paragraph (text \"use \") (code \"x y\") "
	    "(text \" now \") (code \"K\")))");
}

static void
test_lists_tables(void)
{
	CHECK_TREE("<ol start=\"3\"><li>a</li><li>b<ul><li>c</li></ul>"
	    "</li></ol>",
	    "(document (list ordered 3 (item (paragraph (text \"a\"))) "
	    "(item (paragraph (text \"b\")) (list (item (paragraph "
	    "(text \"c\")))))))");
	CHECK_TREE("<ul>stray<li>a</li></ul>",
	    "(document (list (item (paragraph (text \"stray\"))) "
	    "(item (paragraph (text \"a\")))))");
	CHECK_TREE("<ol><li></li><li>x</li></ol>",
	    "(document (list ordered 1 (item (paragraph (text \"x\")))))");
	CHECK_TREE("<table><thead><tr><th>A</th><th align=\"right\">B</th>"
	    "</tr></thead><tbody><tr><td>1</td>"
	    "<td style=\"text-align: center\">2<p>3</p></td></tr></tbody>"
	    "</table>",
	    "(document (table (row (cell header (text \"A\")) "
	    "(cell header right (text \"B\"))) (row (cell (text \"1\")) "
	    "(cell center (text \"2\") (linebreak) (text \"3\")))))");
	CHECK_TREE("<table><caption>Cap</caption><tr><th>h</th><td></td>"
	    "</tr></table>",
	    "(document (paragraph (text \"Cap\")) (table (row (cell header "
	    "(text \"h\")) (cell))))");
	/* A table in a cell flattens into it. */
	CHECK_TREE("<table><tr><td>x<table><tr><td>a</td><td>b</td></tr>"
	    "</table></td></tr></table>",
	    "(document (table (row (cell (text \"x\") (linebreak) "
	    "(text \"a b\")))))");
	CHECK_TREE("<dl><dt>term</dt><dd>def</dd></dl>"
	    "<figure><img src=\"f.png\"><figcaption>cap</figcaption>"
	    "</figure>",
	    "(document (paragraph (text \"term\")) (paragraph "
	    "(text \"def\")) (paragraph (image \"f.png\" \"\")) "
	    "(paragraph (text \"cap\")))");
}

static void
test_structure(void)
{
	/* A block inside an inline splits it. */
	CHECK_TREE("<p><a href=\"u\">x<span><div>y</div></span>z</a></p>",
	    "(document (paragraph (link \"u\" (text \"x\"))) (paragraph "
	    "(link \"u\" (text \"y\"))) (paragraph (link \"u\" "
	    "(text \"z\"))))");
	CHECK_TREE("<strong><div>a</div></strong>",
	    "(document (paragraph (strong (text \"a\"))))");
	/* A block in a heading joins it. */
	CHECK_TREE("<h2>Title <div>sub</div></h2>",
	    "(document (heading 2 (text \"Title sub\")))");
	/* Links inside links are unwrapped; anchors without href too. */
	CHECK_TREE("<p><a href=\"1\">a<span><a href=\"2\">b</a></span></a>"
	    "<a name=\"n\">c</a></p>",
	    "(document (paragraph (link \"1\" (text \"ab\")) (text \"c\")))");
	/* Empty inlines go. */
	CHECK_TREE("<p>a<em></em><strong><img src=\"\"></strong>b</p>",
	    "(document (paragraph (text \"ab\")))");
	CHECK_TREE("<p>a<a href=\"u\" title=\"T\"> </a>b</p>",
	    "(document (paragraph (text \"a b\")))");
}

static char *
nested(const char *open, const char *close, int n, const char *mid)
{
	struct ks_buf b = KS_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		ks_buf_puts(&b, open);
	ks_buf_puts(&b, mid);
	for (i = 0; i < n; i++)
		ks_buf_puts(&b, close);
	return ks_buf_detach(&b);
}

static void
test_depth(void)
{
	struct ks_node *t;
	xmlDoc *doc;
	char *h, *s;

	ks_diag_set_quiet(1);
	/* 150 quotes, 150 lists, 150 emphases: capped, text kept. */
	h = nested("<blockquote><ul><li><em>", "</em></li></ul></blockquote>",
	    50, "deep text");
	doc = ks_html_parse(h, strlen(h));
	t = ks_clean_dom((xmlNode *)doc, "deep.html");
	CHECK(tree_depth(t) <= KS_TREE_MAX_DEPTH);
	CHECK(tree_depth(t) >= KS_TREE_MAX_DEPTH - 4);
	s = tree_sexp(t);
	CHECK(strstr(s, "(text \"deep text\")") != NULL);
	free(s);
	ks_node_free(t);
	xmlFreeDoc(doc);
	free(h);
	h = nested("<b><i>", "</i></b>", 90, "bold");
	doc = ks_html_parse(h, strlen(h));
	t = ks_clean_dom((xmlNode *)doc, "deep.html");
	CHECK(tree_depth(t) <= KS_TREE_MAX_DEPTH);
	s = tree_sexp(t);
	CHECK(strstr(s, "(text \"bold\")") != NULL);
	free(s);
	ks_node_free(t);
	xmlFreeDoc(doc);
	free(h);
	ks_diag_set_quiet(0);
}

int
main(void)
{
	test_basic();
	test_whitespace();
	test_breaks();
	test_dropped();
	test_images();
	test_code();
	test_lists_tables();
	test_structure();
	test_depth();
	return ks_check_done("clean_dom");
}
