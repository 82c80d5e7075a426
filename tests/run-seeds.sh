#!/bin/sh
# What the readers must find in the seeds (DESIGN §6), and the junk that
# must not survive cleaning, checked on the whole folder's tree output.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

run_ksconv --to tree seeds/ >"$tmp/tree" 2>"$tmp/err"
check "ksconv --to tree seeds/ exits 0" [ $? -eq 0 ]
check "five articles" [ "$(grep -c '^article ' "$tmp/tree")" -eq 5 ]

# article SEED: the lines of that article's block.
article() { awk -v s="\"seeds/$1" 'index($0, "article " s) == 1 {on=1; print; next}
	/^article / {on=0} on' "$tmp/tree"; }
has() { # SEED LINE
	if article "$1" | grep -qxF -- "$2"; then pass; else fail "$1: no line: $2"; fi
}
has 000 'title: "快手响应国际助残日发起_助残123行动_，线上线下多方助残倡导残健共行"'
has 000 'date: 2021-12-03T07:09:21Z (2021-12-03T07:09:21Z)'
has 000 'authors: "趣头条"'
has 000 'categories: "新媒体" "趣头条" "分类"'
has 001 'title: "共享芬芳、共铸美好，快手与中国残疾人事业新闻宣传促进会启动公益合作"'
has 001 'date: 2022-07-19T08:46:07Z (2022-07-19T08:46:07Z)'
has 001 'authors: "IT 之家"'
has 001 'categories: "新媒体" "IT 之家" "分类资讯"'
has 002 'title: "快手公益与湘西州联合发起_慈爱助孤_计划 助力湘西乡村振兴与慈善事业发展"'
has 002 'date: 2022-06-01T03:50:09Z (2022-06-01T03:50:09Z)'
has 002 'authors: "IT 之家"'
has 002 'categories: "新媒体" "IT 之家" "分类资讯"'
has 003 'title-derived: yes'
has 003 'date: 2021-02-27T00:00:00Z (2021-02-27T00:00:00Z, no zone, no time)'
has 003 'authors: "品牌研究杂志社编辑部"'
has 004 'title: "短视频平台汇聚抗“疫”新暖流 快手多举措联动"'
has 004 'date: 2022-04-08T09:57:45Z (2022-04-08T17:57:45+08:00)'
has 004 'source: "中国新闻网"'
has 004 'categories: "zhongguoxinwenwang"'
has 004 'tags: "中国新闻网新闻"'
has 004 'link: "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204082336871455"'
for s in 000 001 002 003 004; do has $s 'lang: zh (detected)'; done

for junk in 'display:none' EM_StockImg webquoteklinepic cors.zfour.workers.dev \
    data-vmark referrerpolicy 返回首页 返回中国新闻网新闻 文章来源 '<p' '<div' '<img'; do
	if grep -qF -- "$junk" "$tmp/tree"; then fail "junk survives: $junk"; else pass; fi
done

# Every paragraph stays: the last ones of 000, 003 and 004's heading.
last_text() { article "$1" | grep '^ *text ' | tail -n 1; }
check "000 ends with its byline" sh -c "echo '$(last_text 000)' | grep -qF '上游新闻记者 杨野'"
check "003 keeps its last body sentence" sh -c "article_text=\$(grep -F '成为脱贫攻坚、实现乡村振兴的“新农具”。' '$tmp/tree'); [ -n \"\$article_text\" ]"
has 004 '      text "15个省市求助入口，力解生活难题"'
for s in 000 001 002 004; do
	n_in=$(grep -o '<p[ >]' "seeds/${s}_"* | wc -l)
	[ "$s" = 004 ] && n_in=$((n_in - 3)) # the hidden one, the stock widget, the credit
	n_out=$(article $s | grep -c '^  paragraph$')
	check "$s keeps its $n_in paragraphs (has $n_out)" [ "$n_out" -ge "$n_in" ]
done
check "no message about the seeds but warnings" sh -c "! grep -q 'error:' '$tmp/err'"

# The same inputs give the same bytes.
run_ksconv --to tree seeds/ >"$tmp/tree2" 2>/dev/null
check "deterministic output" cmp -s "$tmp/tree" "$tmp/tree2"
done_tests seeds
