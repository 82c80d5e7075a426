/* Tests for src/yaml.c and src/yaml_emit.c: front-matter fields (scalars
 * stay strings, lists flattened, maps dotted), line numbers and error
 * messages, the guards against deep nesting and alias bombs, every YAML
 * front matter of the corpus, and emitting that reads back as the same
 * strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "fields_check.h"
#include "frontmatter.h"
#include "yaml.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif

/* Front matters of /work/shared/corpus (each file's head up to the line
 * after its closing fence), with what they must give: the number of
 * fields, one key with its line and first value, and one list. */
static const struct {
	const char	*name;
	size_t		 nfields;
	const char	*key;
	size_t		 line;
	const char	*value;
	const char	*list_key;
	size_t		 list_len;
	const char	*text;
} corpus[] = {
	{ "001_rsshubpage-zaker-win11.md", 7, "title", 3, "微软封杀漏洞后，网友又挖出了 Win11 家庭版新的离线激活方法", "categories", 3,
	    "\n"
	    "---\n"
	    "title: '微软封杀漏洞后，网友又挖出了 Win11 家庭版新的离线激活方法'\n"
	    "categories: \n"
	    " - 新媒体\n"
	    " - ZAKER\n"
	    " - channel\n"
	    "headimg: 'https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/202109/613e1bf8b15ec03cce542222_1024.jpg'\n"
	    "author: ZAKER\n"
	    "comments: false\n"
	    "date: Sun, 12 Sep 2021 17:42:00 GMT\n"
	    "thumbnail: 'https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/202109/613e1bf8b15ec03cce542222_1024.jpg'\n"
	    "---\n" },
	{ "002_rsshubpage-ithome-regedit.md", 7, "title", 3, "注册表大法！教你如何给 Win11 开启传统右键菜单", "categories", 3,
	    "\n"
	    "---\n"
	    "title: '注册表大法！教你如何给 Win11 开启传统右键菜单'\n"
	    "categories: \n"
	    " - 新媒体\n"
	    " - IT 之家\n"
	    " - 热榜\n"
	    "headimg: 'https://img.ithome.com/mpimg/content/41922888/2021/7/20210704_093736_962.png?x-bce-process=image/watermark,image_aW1nL3dhdGVybWFyay9xYy9xYzEwMC5wbmc=,g_7'\n"
	    "author: IT 之家\n"
	    "comments: false\n"
	    "date: Sun, 04 Jul 2021 02:26:22 GMT\n"
	    "thumbnail: 'https://img.ithome.com/mpimg/content/41922888/2021/7/20210704_093736_962.png?x-bce-process=image/watermark,image_aW1nL3dhdGVybWFyay9xYy9xYzEwMC5wbmc=,g_7'\n"
	    "---\n" },
	{ "004_rsshubpage-ithome-wsl.md", 7, "title", 3, "微软 Win11_Win10 一个命令安装 Windows Linux 子系统（WSL）", "categories", 3,
	    "\n"
	    "---\n"
	    "title: '微软 Win11_Win10 一个命令安装 Windows Linux 子系统（WSL）'\n"
	    "categories: \n"
	    " - 新媒体\n"
	    " - IT 之家\n"
	    " - 热榜\n"
	    "headimg: 'https://img.ithome.com/newsuploadfiles/2021/7/e0cc3cb1-b75b-4fe1-8e8c-bddd24611612.png'\n"
	    "author: IT 之家\n"
	    "comments: false\n"
	    "date: Sat, 31 Jul 2021 15:11:26 GMT\n"
	    "thumbnail: 'https://img.ithome.com/newsuploadfiles/2021/7/e0cc3cb1-b75b-4fe1-8e8c-bddd24611612.png'\n"
	    "---\n" },
	{ "005_rsshubpage-qtt-tea.md", 7, "title", 3, "''只接熟客''，茶艺师的特殊服务，其实很有''门道''", "categories", 3,
	    "\n"
	    "---\n"
	    "title: \"''只接熟客''，茶艺师的特殊服务，其实很有''门道''\"\n"
	    "categories: \n"
	    " - 新媒体\n"
	    " - 趣头条\n"
	    " - 分类\n"
	    "headimg: 'https://cors.zfour.workers.dev/?http://static.1sapp.com/qupost/images/2021/12/26/1640502746262035041.jpg'\n"
	    "author: 趣头条\n"
	    "comments: false\n"
	    "date: Sun, 26 Dec 2021 06:49:56 GMT\n"
	    "thumbnail: 'https://cors.zfour.workers.dev/?http://static.1sapp.com/qupost/images/2021/12/26/1640502746262035041.jpg'\n"
	    "---\n" },
	{ "006_rsshubpage-qtt-porridge.md", 7, "title", 3, "12年！100万碗粥！", "categories", 3,
	    "\n"
	    "---\n"
	    "title: '12年！100万碗粥！'\n"
	    "categories: \n"
	    " - 新媒体\n"
	    " - 趣头条\n"
	    " - 分类\n"
	    "headimg: 'https://cors.zfour.workers.dev/?http://static.1sapp.com/qupost/img/2022/01/12/3d51f9fb2ac6b4471918443ce64981d6.gif'\n"
	    "author: 趣头条\n"
	    "comments: false\n"
	    "date: Wed, 12 Jan 2022 06:17:43 GMT\n"
	    "thumbnail: 'https://cors.zfour.workers.dev/?http://static.1sapp.com/qupost/img/2022/01/12/3d51f9fb2ac6b4471918443ce64981d6.gif'\n"
	    "---\n" },
	{ "007_rsshubpage-ithome-tencent-donation.md", 7, "title", 3, "1_1 配捐！腾讯宣布明年 1 月 1 日起，员工的公益行为都将获得公司的同比配捐", "categories", 3,
	    "\n"
	    "---\n"
	    "title: '1_1 配捐！腾讯宣布明年 1 月 1 日起，员工的公益行为都将获得公司的同比配捐'\n"
	    "categories: \n"
	    " - 新媒体\n"
	    " - IT 之家\n"
	    " - 分类资讯\n"
	    "headimg: 'https://img.ithome.com/newsuploadfiles/2021/12/2db8a3c8-e1ba-4757-ac06-342fed626fff.png'\n"
	    "author: IT 之家\n"
	    "comments: false\n"
	    "date: Sun, 05 Dec 2021 11:44:32 GMT\n"
	    "thumbnail: 'https://img.ithome.com/newsuploadfiles/2021/12/2db8a3c8-e1ba-4757-ac06-342fed626fff.png'\n"
	    "---\n" },
	{ "009_rsshubpage-dockone-fabedge.md", 7, "title", 3, "聚焦支持边缘弱网环境，博云开源FabEdge边缘网络方案", "categories", 3,
	    "\n"
	    "---\n"
	    "title: '聚焦支持边缘弱网环境，博云开源FabEdge边缘网络方案'\n"
	    "categories: \n"
	    " - 编程\n"
	    " - Dockone\n"
	    " - 周报\n"
	    "headimg: 'https://cors.zfour.workers.dev/?http://dockone.io/uploads/article/20210804/a077968413f8ce099a262effe5252516.jpg'\n"
	    "author: Dockone\n"
	    "comments: false\n"
	    "date: 2021-08-07 02:22:05\n"
	    "thumbnail: 'https://cors.zfour.workers.dev/?http://dockone.io/uploads/article/20210804/a077968413f8ce099a262effe5252516.jpg'\n"
	    "---\n" },
	{ "011_rsshubpage-zaker-asahi.md", 7, "title", 3, "Asahi Linux 在 Apple M1 下运行首个三角形渲染", "categories", 3,
	    "\n"
	    "---\n"
	    "title: 'Asahi Linux 在 Apple M1 下运行首个三角形渲染'\n"
	    "categories: \n"
	    " - 新媒体\n"
	    " - ZAKER\n"
	    " - channel\n"
	    "headimg: 'https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/202206/62a1973a8e9f091def639698_1024.jpg'\n"
	    "author: ZAKER\n"
	    "comments: false\n"
	    "date: Thu, 09 Jun 2022 02:30:00 GMT\n"
	    "thumbnail: 'https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/202206/62a1973a8e9f091def639698_1024.jpg'\n"
	    "---\n" },
	{ "013_rsshubpage-woshipm-btob.md", 7, "title", 3, "B端决策类产品｜任务中断回溯设计", "categories", 3,
	    "\n"
	    "---\n"
	    "title: 'B端决策类产品｜任务中断回溯设计'\n"
	    "categories: \n"
	    " - 新媒体\n"
	    " - 人人都是产品经理\n"
	    " - 最新文章\n"
	    "headimg: 'https://cors.zfour.workers.dev/?http://image.woshipm.com/wp-files/2022/02/7H7mRKLf6U3IWHLV2rgj.jpg'\n"
	    "author: 人人都是产品经理\n"
	    "comments: false\n"
	    "date: Thu, 24 Feb 2022 00:00:00 GMT\n"
	    "thumbnail: 'https://cors.zfour.workers.dev/?http://image.woshipm.com/wp-files/2022/02/7H7mRKLf6U3IWHLV2rgj.jpg'\n"
	    "---\n" },
	{ "015_linxuesong-styletest.md", 13, "title", 2, "文章样式测试", "categories", 2,
	    "---\n"
	    "title: 文章样式测试\n"
	    "author: linxuesong\n"
	    "avatar: 'https://cdn.jsdelivr.net/gh/linxuesong/cdn/img/avatar.jpg'\n"
	    "authorLink: linxuesong.github.io\n"
	    "authorAbout: 一个好奇的人\n"
	    "authorDesc: 一个好奇的人\n"
	    "categories:\n"
	    "  - 技术\n"
	    "  - 主题\n"
	    "comments: true\n"
	    "tags:\n"
	    "  - 数组\n"
	    "  - LeetCode\n"
	    "  - 简单\n"
	    "photos: >-\n"
	    "  https://cdn.jsdelivr.net/gh/linxuesong/cdn/img/articleCover/鬼刃/200929110029-3-1200.jpg\n"
	    "date: 2021-07-12 15:02:36\n"
	    "keywords:\n"
	    "description:\n"
	    "---\n"
	    "<style>" },
	{ "016_linxuesong-dinosaur-iframe.md", 13, "title", 2, "给博客添加小游戏界面谷歌恐龙小游戏加强版", NULL, 0,
	    "---\n"
	    "title: 给博客添加小游戏界面谷歌恐龙小游戏加强版\n"
	    "author: linxuesong\n"
	    "avatar: 'https://wx1.sinaimg.cn/large/006bYVyvgy1ftand2qurdj303c03cdfv.jpg'\n"
	    "authorLink: linxuesong.github.io\n"
	    "authorAbout: 一个好奇的人\n"
	    "authorDesc: 一个好奇的人\n"
	    "categories: 技术\n"
	    "comments: true\n"
	    "date: 2020-12-17 14:02:56\n"
	    "tags:\n"
	    "keywords:\n"
	    "description:\n"
	    "photos: https://cdn.jsdelivr.net/gh/linxuesong/cdn/img/articleCover/动漫女/200929110029-5-1200.jpg\n"
	    "---\n" },
	{ "017_linxuesong-stats-script.md", 13, "title", 2, "增加文章统计折线图、饼状图", NULL, 0,
	    "---\n"
	    "title: 增加文章统计折线图、饼状图\n"
	    "author: linxuesong\n"
	    "avatar: 'https://cdn.jsdelivr.net/gh/linxuesong/cdn/img/avatar.jpg'\n"
	    "authorLink: linxuesong.github.io\n"
	    "authorAbout: 一个好奇的人\n"
	    "authorDesc: 一个好奇的人\n"
	    "categories: 技术\n"
	    "comments: true\n"
	    "photos: >-\n"
	    "  https://cdn.jsdelivr.net/gh/linxuesong/cdn/img/articleCover/动漫女/201001112216-6-1200.jpg\n"
	    "date: 2020-12-18 18:03:16\n"
	    "tags: 主题美化\n"
	    "keywords:\n"
	    "description:\n"
	    "---\n" },
	{ "018_finews-init.md", 5, "title", 3, "开站大吉", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title: \"开站大吉\"\n"
	    "date: 2021-12-01 13:33:50\n"
	    "categories: sitenews\n"
	    "tags: 站长消息\n"
	    "---\n" },
	{ "019_finews-emnews-byd.md", 5, "title", 3, "工信部发布新一批免征车辆购置税新能源汽车车型目录 比亚迪唐在列", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title: \"工信部发布新一批免征车辆购置税新能源汽车车型目录 比亚迪唐在列\"\n"
	    "date: 2021-12-08 12:21:31\n"
	    "categories: emnews\n"
	    "tags: 东财滚动新闻\n"
	    "---\n" },
	{ "021_finews-emnews-baijiu.md", 5, "title", 3, "白酒突然爆发！茅台飙900亿 军工火了 巨头首秀破发！", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title: \"白酒突然爆发！茅台飙900亿 军工火了 巨头首秀破发！\"\n"
	    "date: 2021-12-08 12:47:49\n"
	    "categories: emnews\n"
	    "tags: 东财滚动新闻\n"
	    "---\n" },
	{ "022_finews-emnews-rmb.md", 5, "title", 3, "离岸人民币兑美元升至2018年以来最高水平", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title: \"离岸人民币兑美元升至2018年以来最高水平\"\n"
	    "date: 2021-12-08 10:46:18\n"
	    "categories: emnews\n"
	    "tags: 东财滚动新闻\n"
	    "---\n" },
	{ "023_finews-emnews-maotai.md", 5, "title", 3, "“股王”茅台重回2000元关口！酿酒板块多股大涨 北上资金“扫货” 大行情要来？", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title: \"“股王”茅台重回2000元关口！酿酒板块多股大涨 北上资金“扫货” 大行情要来？\"\n"
	    "date: 2021-12-08 12:41:23\n"
	    "categories: emnews\n"
	    "tags: 东财滚动新闻\n"
	    "---\n" },
	{ "025_loserforloser-welcome.markdown", 4, "title", 3, "本博客书写规范", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title:  \"本博客书写规范\"\n"
	    "date:   2018-07-24 15:28:50 +0800\n"
	    "categories: jekyll update\n"
	    "---\n"
	    "You’ll find this post in your `_posts` directory. Go ahead and edit it and re-build the site to see your changes. You can rebuild the site in many different ways, but the most common way is to run `jekyll serve`, which launches a web server and auto-regenerates your site when a file is updated." },
	{ "026_loserforloser-picker.markdown", 4, "title", 3, "最大日期截止至当日日期的Pickercontroller", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title:  \"最大日期截止至当日日期的Pickercontroller\"\n"
	    "date:   2018-07-25 17:07:50 +0800\n"
	    "categories: jekyll update\n"
	    "---\n"
	    "可选最大日期至当日日期的日期轮选器" },
	{ "027_loserforloser-iframe.markdown", 4, "title", 3, "WKWebView加载web时<iframe>标签加载问题", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title:  \"WKWebView加载web时<iframe>标签加载问题\"\n"
	    "date:   2021-01-21 09:30:30 +0800\n"
	    "categories: jekyll update\n"
	    "---\n"
	    "之前做项目的时候有需求是加载 web 并做交互" },
	{ "028_loserforloser-baidupush-huge.markdown", 4, "title", 3, "iOS下Cordova添加百度推送及相关问题", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title:  \"iOS下Cordova添加百度推送及相关问题\"\n"
	    "date:   2018-11-12 14:00:00 +0800\n"
	    "categories: jekyll update\n"
	    "---\n"
	    "今天我们要讲的内容主要是针对 Cordova 环境下添加百度推送时产生的问题及处理" },
	{ "030_ralfralf-figure.md", 6, "title", 3, "如何给 Jekyll 的 Post 设定附图", "tags", 3,
	    "---\n"
	    "layout: post\n"
	    "title: \"如何给 Jekyll 的 Post 设定附图\"\n"
	    "description: \"Jeklly 站点的页面可以附加元信息，用这种方法可以很方便的给Post设定附图。\"\n"
	    "category: tech\n"
	    "figure: /images/ndahp_small.png\n"
	    "tags: [tech, web, jekyll]\n"
	    "---\n"
	    "{% include JB/setup %}" },
	{ "031_ralfralf-jekyllintro.md", 4, "layout", 2, "post", "tags", 4,
	    "---\n"
	    "layout: post\n"
	    "category : lessons\n"
	    "tagline: \"Supporting tagline\"\n"
	    "tags : [intro, beginner, jekyll, tutorial]\n"
	    "---\n"
	    "{% include JB/setup %}" },
	{ "032_ygrf-ebeam-sop.md", 5, "title", 3, "[操作笔记] 电子束蒸发镀膜SOP", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title: \"[操作笔记] 电子束蒸发镀膜SOP\"\n"
	    "date: 2026-04-3 19:23:00 +0800\n"
	    "categories: Project\n"
	    "mathjax: true\n"
	    "---\n" },
	{ "033_ygrf-weird-backup.md", 5, "title", 3, "[读书笔记] 《怪异与阴森》 （1）怪异篇", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title: \"[读书笔记] 《怪异与阴森》 （1）怪异篇\"\n"
	    "date: 2026-01-13 21:14:00 +0800\n"
	    "categories: Reading\n"
	    "mathjax: true\n"
	    "---\n" },
	{ "034_ygrf-chip-paper.md", 5, "title", 3, "[论文阅读] 超表面工程化热辐射体实现芯片级中红外光谱传感", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title: \"[论文阅读] 超表面工程化热辐射体实现芯片级中红外光谱传感\"\n"
	    "date: 2026-04-10 16:07:00 +0800\n"
	    "categories: Learning\n"
	    "mathjax: true\n"
	    "---\n" },
	{ "035_ygrf-welcome.markdown", 4, "title", 3, "Welcome to Jekyll!", NULL, 0,
	    "---\n"
	    "layout: post\n"
	    "title:  \"Welcome to Jekyll!\"\n"
	    "date:   2026-01-08 13:34:15 +0800\n"
	    "categories: jekyll update\n"
	    "---\n" },
	{ "046_hugobasic-math.md", 5, "title", 3, "Math Typesetting", NULL, 0,
	    "---\n"
	    "author: Hugo Authors\n"
	    "title: Math Typesetting\n"
	    "date: 2019-03-08\n"
	    "description: A brief guide to setup KaTeX\n"
	    "math: true\n"
	    "---\n" },
	{ "047_hugobasic-newtheme.md", 6, "title", 6, "Creating a New Theme", "series", 1,
	    "---\n"
	    "author:\n"
	    "  name: \"Michael Henderson\"\n"
	    "date: 2014-09-28\n"
	    "linktitle: Creating a New Theme\n"
	    "title: Creating a New Theme\n"
	    "weight: 10\n"
	    "series:\n"
	    "- Hugo 101\n"
	    "---\n" },
	{ "049_animenews-ishikawa.md", 11, "title", 3, "声优石川界人将动手术治疗声带息肉", "tags", 2,
	    "---\n"
	    "layout: '../../layouts/MarkdownPost.astro'\n"
	    "title: '声优石川界人将动手术治疗声带息肉'\n"
	    "pubDate: 2023-05-10\n"
	    "description: '声优石川界人即将进行声带息肉的手术，手术将于5月底进行，术后他将休息一个月以恢复，Stay-Luck经纪公司在声明中宣布'\n"
	    "author: 'Rafael Antonio Pineda'\n"
	    "cover:\n"
	    "    url: 'https://cdn.animenewsnetwork.com/thumbnails/max400x400/cms/news.6/197952/ishikawa.jpg'\n"
	    "    square: 'https://cdn.animenewsnetwork.com/thumbnails/max400x400/cms/news.6/197952/ishikawa.jpg'\n"
	    "    alt: '石川界人'\n"
	    "tags: ['声优', '新闻']\n"
	    "theme: 'light'\n"
	    "featured: false\n"
	    "---\n" },
	{ "050_animenews-bandai.md", 11, "title", 3, "ニュース 2026.3.26 Thu 17:20 バンダイ「ランダムグッズに関する実態調査」実施― SNSでは調査結果に不満の声も BANDAI SPIRITSが第3回「BANDAI SPIRITS大人アンケート調査」として、近年人気が広がるランダム形式で販売されている商品をテーマに、18～59歳の男女1,032人を対象に「ランダムグッズに関する実態調査」を実施した。この調査結果にSNSでは不満の声があがっている。", "tags", 3,
	    "---\n"
	    "layout: '../../layouts/MarkdownPost.astro'\n"
	    "title: 'ニュース\n"
	    "2026.3.26 Thu 17:20\n"
	    "バンダイ「ランダムグッズに関する実態調査」実施― SNSでは調査結果に不満の声も\n"
	    "BANDAI SPIRITSが第3回「BANDAI SPIRITS大人アンケート調査」として、近年人気が広がるランダム形式で販売されている商品をテーマに、18～59歳の男女1,032人を対象に「ランダムグッズに関する実態調査」を実施した。この調査結果にSNSでは不満の声があがっている。'\n"
	    "pubDate: 2026-03-26T18:29:33\n"
	    "description: 'BANDAI SPIRITSが第3回「BANDAI SPIRITS大人アンケート調査」として、近年人気が広がるランダム形式で販売されている商品をテーマに、18～59歳の男女1,032人を対象に「ランダムグッズに関する実態調査」を実施した。この調査結果にSNSでは様々な声があがり話題となっている。近年、カプセルトイやキャラクターくじ、クローズド仕様のグッズなど、何が当たるかわからない“ランダムグッズ'\n"
	    "author: 'Anime News'\n"
	    "cover:\n"
	    "  url: ''\n"
	    "  square: ''\n"
	    "  alt: \"cover\"\n"
	    "tags: ['animenews','anime','动漫资讯']\n"
	    "theme: 'light'\n"
	    "featured: false\n"
	    "---\n" },
	{ "051_animenews-toho.md", 11, "title", 3, "TOHO animation将携《药屋》《咒术回战》《自由人》等作品亮相AJ2026最大规模展台", "tags", 3,
	    "---\n"
	    "layout: '../../layouts/MarkdownPost.astro'\n"
	    "title: 'TOHO animation将携《药屋》《咒术回战》《自由人》等作品亮相AJ2026最大规模展台'\n"
	    "pubDate: 2026-03-06T07:30:05Z\n"
	    "description: '东宝动画品牌「TOHO animation」将在2026年3月28日至29日于东京国际展览中心举办的「AnimeJapan 2026」上，设立史上最大规模展台。本次将公布最新周边商品、声优登台活动等丰富内容。'\n"
	    "author: '《tomo》'\n"
	    "cover:\n"
	    "  url: 'https://animeanime.jp/imgs/rss/850465.jpg'\n"
	    "  square: 'https://animeanime.jp/imgs/rss/850465.jpg'\n"
	    "  alt: \"cover\"\n"
	    "tags: ['animenews','anime','动漫资讯']\n"
	    "theme: 'light'\n"
	    "featured: false\n"
	    "---\n"
	    "![cover](https://animeanime.jp/imgs/rss/850465.jpg)" },
	{ "053_fuwari-video-iframe.md", 6, "title", 2, "Include Video in the Posts", "tags", 2,
	    "---\n"
	    "title: Include Video in the Posts\n"
	    "published: 2023-08-01\n"
	    "description: This post demonstrates how to include embedded video in a blog post.\n"
	    "tags: [Example, Video]\n"
	    "category: Examples\n"
	    "draft: false\n"
	    "---\n" },
	{ "054_fuwari-draft.md", 5, "title", 2, "Draft Example", "tags", 3,
	    "---\n"
	    "title: Draft Example\n"
	    "published: 2022-07-01\n"
	    "tags: [Markdown, Blogging, Demo]\n"
	    "category: Examples\n"
	    "draft: true\n"
	    "---\n" },
	{ "055_fuwari-md-extended.md", 8, "title", 2, "Markdown Extended Features", "tags", 4,
	    "---\n"
	    "title: Markdown Extended Features\n"
	    "published: 2024-05-01\n"
	    "updated: 2024-11-29\n"
	    "description: 'Read more about Markdown features in Fuwari'\n"
	    "image: ''\n"
	    "tags: [Demo, Example, Markdown, Fuwari]\n"
	    "category: 'Examples'\n"
	    "draft: false \n"
	    "---\n" },
};

static int
parse(const char *s, size_t first_line, struct ks_fields *f)
{
	return ks_yaml_parse_fields(s, strlen(s), "fm.md", first_line, f);
}

/* Parses s, which must fail; returns the message printed. */
static const char *
parse_error(const char *s, size_t first_line)
{
	struct ks_fields f = KS_FIELDS_INIT;
	const char *msg;
	int rc;

	capture();
	rc = parse(s, first_line, &f);
	msg = captured();
	CHECK_INT(rc, -1);
	ks_fields_free(&f);
	return msg;
}

/* pre, n copies of s, then post; the caller frees it. */
static char *
repeat(const char *pre, const char *s, size_t n, const char *post)
{
	size_t lp, ls, at;
	char *b;

	lp = strlen(pre);
	ls = strlen(s);
	b = malloc(lp + n * ls + strlen(post) + 1);
	memcpy(b, pre, lp);
	at = lp;
	for (size_t i = 0; i < n; i++, at += ls)
		memcpy(b + at, s, ls);
	strcpy(b + at, post);
	return b;
}

static void
test_scalars(void)
{
	struct ks_fields f = KS_FIELDS_INIT;

	CHECK_INT(parse("title: '快手: 公益'\n"
	    "year: 2022\n"
	    "ok: yes\n"
	    "nothing: null\n"
	    "tilde: ~\n"
	    "exp: 1e3\n"
	    "b: True\n"
	    "empty:\n"
	    "quoted: ''\n"
	    "dq: \"a\\tb \\u00e9 ''x''\"\n"
	    "sq: 'it''s'\n"
	    "folded: >-\n  one\n  two\n"
	    "lit: |\n  l1\n  l2\n"
	    "date: 2022-04-08 17:57:45 +0800\n"
	    "multi: first\n  second\n", 1, &f), 0);
	CHECK_INT(f.len, 15);
	CHECK_STR(val(&f, "title", 0), "快手: 公益");
	CHECK_STR(val(&f, "year", 0), "2022");
	CHECK_STR(val(&f, "ok", 0), "yes");
	CHECK_STR(val(&f, "nothing", 0), "null");
	CHECK_STR(val(&f, "tilde", 0), "~");
	CHECK_STR(val(&f, "exp", 0), "1e3");
	CHECK_STR(val(&f, "b", 0), "True");
	/* "key:" with nothing has no value; '' is one empty value. */
	CHECK_INT(nvals(&f, "empty"), 0);
	CHECK(!is_list(&f, "empty"));
	CHECK(ks_fields_value(&f, "empty") == NULL);
	CHECK_INT(nvals(&f, "quoted"), 1);
	CHECK_STR(val(&f, "quoted", 0), "");
	CHECK_STR(val(&f, "dq", 0), "a\tb é ''x''");
	CHECK_STR(val(&f, "sq", 0), "it's");
	CHECK_STR(val(&f, "folded", 0), "one two");
	CHECK_STR(val(&f, "lit", 0), "l1\nl2\n");
	CHECK_STR(val(&f, "date", 0), "2022-04-08 17:57:45 +0800");
	CHECK_STR(val(&f, "multi", 0), "first second");
	CHECK(!is_list(&f, "title"));
	ks_fields_free(&f);
}

static void
test_lists(void)
{
	struct ks_fields f = KS_FIELDS_INIT;

	CHECK_INT(parse("categories: [[新媒体, 趣头条], 分类]\n"
	    "block:\n"
	    "- - a\n"
	    "  - b\n"
	    "- c\n"
	    "-\n"
	    "- [d, [e, [f]]]\n"
	    "none: []\n"
	    "one: [x]\n"
	    "maps:\n"
	    "- name: A\n"
	    "  url: B\n"
	    "- C\n"
	    "nums: [1, 2.5, yes, null]\n", 1, &f), 0);
	CHECK_INT(f.len, 6);
	CHECK(is_list(&f, "categories"));
	CHECK_INT(nvals(&f, "categories"), 3);
	CHECK_STR(val(&f, "categories", 0), "新媒体");
	CHECK_STR(val(&f, "categories", 1), "趣头条");
	CHECK_STR(val(&f, "categories", 2), "分类");
	/* Flattened; the empty item adds nothing. */
	CHECK_INT(nvals(&f, "block"), 6);
	CHECK_STR(val(&f, "block", 0), "a");
	CHECK_STR(val(&f, "block", 1), "b");
	CHECK_STR(val(&f, "block", 2), "c");
	CHECK_STR(val(&f, "block", 5), "f");
	CHECK(is_list(&f, "none"));
	CHECK_INT(nvals(&f, "none"), 0);
	CHECK(is_list(&f, "one"));
	CHECK_INT(nvals(&f, "one"), 1);
	/* A mapping inside a list gives its values. */
	CHECK_INT(nvals(&f, "maps"), 3);
	CHECK_STR(val(&f, "maps", 0), "A");
	CHECK_STR(val(&f, "maps", 1), "B");
	CHECK_STR(val(&f, "maps", 2), "C");
	CHECK_STR(val(&f, "nums", 1), "2.5");
	CHECK_STR(val(&f, "nums", 3), "null");
	ks_fields_free(&f);
}

static void
test_maps_and_lines(void)
{
	struct ks_fields f = KS_FIELDS_INIT;

	CHECK_INT(parse("title: a\n"
	    "author:\n"
	    "  name: x\n"
	    "  links:\n"
	    "    home: y\n"
	    "    tags: [p, q]\n"
	    "flow: {a: 1, b: {c: 2}}\n"
	    "nil: {}\n"
	    "title: b\n", 10, &f), 0);
	CHECK_INT(f.len, 8);
	CHECK_STR(f.v[0].key, "title");
	CHECK_INT(f.v[0].line, 10);
	CHECK_STR(f.v[1].key, "author.name");
	CHECK_INT(f.v[1].line, 12);
	CHECK_STR(f.v[2].key, "author.links.home");
	CHECK_INT(f.v[2].line, 14);
	CHECK_STR(f.v[3].key, "author.links.tags");
	CHECK(f.v[3].is_list);
	CHECK_STR(f.v[4].key, "flow.a");
	CHECK_INT(f.v[4].line, 16);
	CHECK_STR(f.v[5].key, "flow.b.c");
	CHECK_STR(val(&f, "flow.b.c", 0), "2");
	/* An empty mapping: the key, with no value. */
	CHECK_STR(f.v[6].key, "nil");
	CHECK_INT(f.v[6].values.len, 0);
	/* Duplicate keys are both kept; the getter takes the last. */
	CHECK_STR(f.v[7].key, "title");
	CHECK_INT(f.v[7].line, 18);
	CHECK_STR(ks_fields_value(&f, "title"), "b");
	CHECK_STR(f.v[0].values.v[0], "a");
	ks_fields_free(&f);

	/* CRLF line ends leave no CR in values. */
	CHECK_INT(parse("title: x\r\ntags:\r\n - a\r\n - b\r\nd: |\r\n  l\r\n",
	    1, &f), 0);
	CHECK_STR(val(&f, "title", 0), "x");
	CHECK_STR(val(&f, "tags", 1), "b");
	CHECK_STR(val(&f, "d", 0), "l\n");
	CHECK_INT(f.v[1].line, 2);
	ks_fields_free(&f);

	/* Fields are appended to what *out holds. */
	ks_fields_add(&f, "before", false, 0);
	CHECK_INT(parse("a: 1\n", 1, &f), 0);
	CHECK_INT(f.len, 2);
	CHECK_STR(f.v[1].key, "a");
	ks_fields_free(&f);
}

static void
test_empty(void)
{
	struct ks_fields f = KS_FIELDS_INIT;

	CHECK_INT(parse("", 1, &f), 0);
	CHECK_INT(f.len, 0);
	CHECK_INT(parse("\n\n  \n", 1, &f), 0);
	CHECK_INT(f.len, 0);
	CHECK_INT(parse("# only a comment\n# and another\n", 1, &f), 0);
	CHECK_INT(f.len, 0);
	CHECK_INT(ks_yaml_parse_fields("a: 1", 0, "x", 1, &f), 0);
	CHECK_INT(f.len, 0);
	ks_fields_free(&f);
}

static void
test_errors(void)
{
	const char *m;

	m = parse_error("a: 1\nb: [1, 2\nc: 3\n", 2);
	CHECK_STR(m, "ksconv: fm.md:4: error: YAML: did not find expected "
	    "',' or ']' while parsing a flow sequence\n");
	m = parse_error("title: a: b\n", 7);
	CHECK_STR(m, "ksconv: fm.md:7: error: YAML: mapping values are not "
	    "allowed in this context\n");
	m = parse_error("a:\n\t- b\n", 1);
	CHECK(strncmp(m, "ksconv: fm.md:2: error: YAML: found character "
	    "that cannot start any token", 58) == 0);
	m = parse_error("a: 'open\n", 1);
	CHECK(strstr(m, "error: YAML: found unexpected end of stream") != NULL);
	/* Reader errors have an offset, mapped to a line too. */
	m = parse_error("a: 1\nb: x\x01y\n", 3);
	CHECK_STR(m, "ksconv: fm.md:4: error: YAML: control characters are "
	    "not allowed (0x1)\n");
	m = parse_error("a: 1\n\nb: \xFF\n", 1);
	CHECK(strncmp(m, "ksconv: fm.md:3: error: YAML: invalid leading "
	    "UTF-8 octet", 51) == 0);
	/* The top level must be a mapping. */
	m = parse_error("just a sentence\n", 2);
	CHECK_STR(m, "ksconv: fm.md:2: error: YAML: the top level is not a "
	    "mapping of keys to values\n");
	m = parse_error("- a\n- b\n", 1);
	CHECK(strstr(m, "the top level is not a mapping") != NULL);
	m = parse_error("~\n", 1);
	CHECK(strstr(m, "the top level is not a mapping") != NULL);
	m = parse_error("a: 1\n---\nb: 2\n", 1);
	CHECK_STR(m, "ksconv: fm.md:2: error: YAML: more than one document\n");
	m = parse_error("a: 1\n? [x, y]\n: 2\n", 1);
	CHECK_STR(m, "ksconv: fm.md:2: error: YAML: a key is not a string\n");
}

static void
test_depth(void)
{
	struct ks_fields f = KS_FIELDS_INIT;
	const char *m;
	clock_t t0;
	char *s;

	s = repeat("a: ", "[", 64, "x");
	s = realloc(s, strlen(s) + 64 + 2);
	for (int i = 0; i < 64; i++)
		strcat(s, "]");
	strcat(s, "\n");
	CHECK_INT(parse(s, 1, &f), 0);
	CHECK_INT(nvals(&f, "a"), 1);
	CHECK_STR(val(&f, "a", 0), "x");
	ks_fields_free(&f);
	free(s);

	s = repeat("t: 1\na: ", "{b: ", 65, "1");
	m = parse_error(s, 5);
	CHECK_STR(m, "ksconv: fm.md:6: error: YAML flow collections nested "
	    "deeper than 64 levels\n");
	free(s);

	/* libyaml alone takes seconds on this; the pre-scan refuses it. */
	t0 = clock();
	s = repeat("a: ", "[", 30000, "");
	m = parse_error(s, 1);
	CHECK(strstr(m, "nested deeper than 64 levels") != NULL);
	free(s);
	s = repeat("a:\n", "[\n", 30000, "");
	m = parse_error(s, 1);
	CHECK_STR(m, "ksconv: fm.md:66: error: YAML flow collections nested "
	    "deeper than 64 levels\n");
	free(s);

	/* Brackets that are not flow collections do not count: in quotes,
	 * comments, block scalars and plain scalars. */
	s = repeat("a: '", "[{", 100, "''['\n");
	CHECK_INT(parse(s, 1, &f), 0);
	CHECK_INT(strlen(val(&f, "a", 0)), 202);
	ks_fields_free(&f);
	free(s);
	s = repeat("a: \"\\\"", "[", 100, "\"\nb: ok\n");
	CHECK_INT(parse(s, 1, &f), 0);
	CHECK_STR(val(&f, "b", 0), "ok");
	ks_fields_free(&f);
	free(s);
	s = repeat("# ", "[", 100, "\na: 1 # [[[\n");
	CHECK_INT(parse(s, 1, &f), 0);
	CHECK_STR(val(&f, "a", 0), "1");
	ks_fields_free(&f);
	free(s);
	s = repeat("a: |\n  it's ", "[", 100, "\n\n  x\nb: 2\n");
	CHECK_INT(parse(s, 1, &f), 0);
	CHECK_STR(val(&f, "b", 0), "2");
	ks_fields_free(&f);
	free(s);
	s = repeat("- k: >\n    ", "{", 100, "\n  j: 1\n");
	m = parse_error(s, 1);	/* a list, but not too deep */
	CHECK(strstr(m, "the top level is not a mapping") != NULL);
	free(s);
	s = repeat("a: x ", "[", 100, "\n");
	CHECK_INT(parse(s, 1, &f), 0);
	ks_fields_free(&f);
	free(s);
	CHECK_INT(parse("a: ['it''s [[[', \"x]\\\"]\", [b]]\n", 1, &f), 0);
	CHECK_INT(nvals(&f, "a"), 3);
	CHECK_STR(val(&f, "a", 0), "it's [[[");
	CHECK_STR(val(&f, "a", 1), "x]\"]");
	ks_fields_free(&f);

	/* Where the pre-scan is fooled (here it takes the apostrophe of a
	 * plain scalar for a quote), the event loop still stops at once. */
	s = repeat("title: foo\n  'bar\ntags: ", "[", 30000, "");
	m = parse_error(s, 1);
	CHECK_STR(m, "ksconv: fm.md:3: error: YAML nested deeper than 128 "
	    "levels\n");
	free(s);
	/* Deep block nesting too. */
	s = malloc(200 * 202);
	s[0] = '\0';
	for (int i = 0; i < 200; i++) {
		size_t n = strlen(s);

		memset(s + n, ' ', (size_t)i);
		strcpy(s + n + i, "k:\n");
	}
	m = parse_error(s, 1);
	CHECK(strstr(m, "YAML nested deeper than 128 levels") != NULL);
	free(s);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

static void
test_aliases(void)
{
	struct ks_fields f = KS_FIELDS_INIT;
	const char *m;
	char *s, line[64];
	clock_t t0;

	CHECK_INT(parse("base: &b\n"
	    "  x: 1\n"
	    "  y: [2, 3]\n"
	    "s: &s hello\n"
	    "l: &l [p, q]\n"
	    "t: *s\n"
	    "both: [*s, *l, *b]\n"
	    "copy: *b\n"
	    "merged:\n"
	    "  <<: *b\n"
	    "  z: 4\n", 1, &f), 0);
	CHECK_STR(val(&f, "t", 0), "hello");
	CHECK(!is_list(&f, "t"));
	CHECK_INT(nvals(&f, "both"), 6);
	CHECK_STR(val(&f, "both", 0), "hello");
	CHECK_STR(val(&f, "both", 2), "q");
	CHECK_STR(val(&f, "both", 3), "1");
	CHECK_STR(val(&f, "both", 5), "3");
	CHECK_STR(val(&f, "copy.x", 0), "1");
	CHECK_STR(val(&f, "copy.y", 1), "3");
	/* Keys reached through an alias get the alias's line. */
	CHECK_INT(ks_fields_get(&f, "copy.y")->line, 8);
	CHECK_STR(val(&f, "merged.x", 0), "1");
	CHECK_STR(val(&f, "merged.z", 0), "4");
	ks_fields_free(&f);

	m = parse_error("a: *nowhere\n", 1);
	CHECK_STR(m, "ksconv: fm.md:1: error: YAML: alias *nowhere names no "
	    "anchor before it\n");
	/* An alias inside its own anchor: no cycles. */
	m = parse_error("a: &a [x, *a]\n", 1);
	CHECK(strstr(m, "alias *a names no anchor") != NULL);

	/* KS_YAML_MAX_ALIASES aliases are fine, one more is not. */
	s = repeat("a: &a x\nb: [", "*a, ", KS_YAML_MAX_ALIASES - 1, "*a]\n");
	CHECK_INT(parse(s, 1, &f), 0);
	CHECK_INT(nvals(&f, "b"), KS_YAML_MAX_ALIASES);
	ks_fields_free(&f);
	free(s);
	s = repeat("a: &a x\nb: [", "*a, ", KS_YAML_MAX_ALIASES, "*a]\n");
	m = parse_error(s, 1);
	CHECK_STR(m, "ksconv: fm.md:2: error: too many YAML aliases (more "
	    "than 64)\n");
	free(s);

	/* A billion laughs within the alias count: each level doubles. */
	t0 = clock();
	s = malloc(32 * 64);
	strcpy(s, "a0: &a0 [lol, lol]\n");
	for (int i = 1; i <= 30; i++) {
		snprintf(line, sizeof(line), "a%d: &a%d [*a%d, *a%d]\n", i, i,
		    i - 1, i - 1);
		strcat(s, line);
	}
	m = parse_error(s, 1);
	CHECK(strstr(m, "error: YAML aliases expand to more than 10000 "
	    "values") != NULL);
	free(s);
	/* The same bomb made of mappings. */
	s = malloc(32 * 80);
	strcpy(s, "m0: &m0 {a: lol, b: lol}\n");
	for (int i = 1; i <= 30; i++) {
		snprintf(line, sizeof(line), "m%d: &m%d {a: *m%d, b: *m%d}\n",
		    i, i, i - 1, i - 1);
		strcat(s, line);
	}
	m = parse_error(s, 1);
	CHECK(strstr(m, "error: YAML aliases expand to more than 10000 "
	    "values") != NULL);
	free(s);
	/* Few values, long keys: dotted keys grow with every level. */
	s = repeat("m0: &m0\n  ? ", "k", 100000, "\n  : x\n");
	s = realloc(s, strlen(s) + 20 * 64);
	for (int i = 1; i < 20; i++) {
		snprintf(line, sizeof(line), "m%d: &m%d {a: *m%d, b: *m%d}\n",
		    i, i, i - 1, i - 1);
		strcat(s, line);
	}
	m = parse_error(s, 1);
	CHECK(strstr(m, "error: YAML aliases expand to more than 4194304 "
	    "bytes") != NULL);
	free(s);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

/* Reads a whole file; the caller frees it. NULL when it cannot. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp;
	char *b;
	long n;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	b = NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		b = malloc((size_t)n + 1);
		*len = fread(b, 1, (size_t)n, fp);
		b[*len] = '\0';
	}
	fclose(fp);
	return b;
}

/* Splits and parses text the way a reader does. */
static int
parse_file(const char *name, const char *text, size_t len,
    struct ks_fields *f)
{
	struct ks_fm_split sp;

	if (ks_fm_split(text, len, &sp) != 0 || sp.kind != KS_FM_YAML)
		return -2;
	return ks_yaml_parse_fields(text + sp.fm_start, sp.fm_len, name,
	    sp.fm_line, f);
}

static void
test_corpus(void)
{
	struct ks_fields f = KS_FIELDS_INIT;
	const struct ks_field *fl;

	for (size_t i = 0; i < sizeof(corpus) / sizeof(*corpus); i++) {
		CHECK_INT(parse_file(corpus[i].name, corpus[i].text,
		    strlen(corpus[i].text), &f), 0);
		CHECK_INT(f.len, corpus[i].nfields);
		fl = ks_fields_get(&f, corpus[i].key);
		CHECK(fl != NULL);
		if (fl) {
			CHECK_INT(fl->line, corpus[i].line);
			CHECK_STR(fl->values.len ? fl->values.v[0] : NULL,
			    corpus[i].value);
		}
		if (corpus[i].list_key) {
			CHECK(is_list(&f, corpus[i].list_key));
			CHECK_INT(nvals(&f, corpus[i].list_key),
			    corpus[i].list_len);
		}
		ks_fields_free(&f);
	}
}

static void
test_seeds(void)
{
	struct ks_fields f = KS_FIELDS_INIT;
	char path[512], *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/seeds/000_6c9a9a2a37b9e920.txt",
	    KS_SRCDIR);
	text = slurp(path, &len);
	CHECK(text != NULL);
	if (text) {
		CHECK_INT(parse_file(path, text, len, &f), 0);
		CHECK_INT(f.len, 7);
		CHECK_STR(val(&f, "title", 0), "快手响应国际助残日发起_助残123行动_，"
		    "线上线下多方助残倡导残健共行");
		CHECK_INT(ks_fields_get(&f, "title")->line, 3);
		CHECK(is_list(&f, "categories"));
		CHECK_STR(val(&f, "categories", 1), "趣头条");
		CHECK_STR(val(&f, "comments", 0), "false");
		CHECK_STR(val(&f, "date", 0), "Fri, 03 Dec 2021 07:09:21 GMT");
		CHECK_INT(ks_fields_get(&f, "date")->line, 11);
		ks_fields_free(&f);
		free(text);
	}
	snprintf(path, sizeof(path), "%s/seeds/004_3c9ac8582064baac.txt",
	    KS_SRCDIR);
	text = slurp(path, &len);
	CHECK(text != NULL);
	if (text) {
		CHECK_INT(parse_file(path, text, len, &f), 0);
		CHECK_INT(f.len, 5);
		CHECK_STR(val(&f, "title", 0), "短视频平台汇聚抗“疫”新暖流 快手多举措联动");
		CHECK_STR(val(&f, "date", 0), "2022-04-08 17:57:45 +0800");
		CHECK(!is_list(&f, "categories"));
		CHECK_STR(val(&f, "tags", 0), "中国新闻网新闻");
		ks_fields_free(&f);
		free(text);
	}
}

static void
test_emit_format(void)
{
	struct ks_fields f = KS_FIELDS_INIT;
	struct ks_buf b = KS_BUF_INIT;
	struct ks_field *fl;

	/* No fields, no text: the writer's fences make an empty block. */
	CHECK_INT(ks_yaml_emit_fields(&f, &b), 0);
	CHECK_INT(b.len, 0);

	ks_strs_push(&ks_fields_add(&f, "title", false, 0)->values,
	    "快手响应国际助残日");
	fl = ks_fields_add(&f, "categories", true, 0);
	ks_strs_push(&fl->values, "新媒体");
	ks_strs_push(&fl->values, "IT 之家");
	ks_strs_push(&ks_fields_add(&f, "comments", false, 0)->values,
	    "false");
	ks_strs_push(&ks_fields_add(&f, "date", false, 0)->values,
	    "2021-12-03T07:09:21Z");
	ks_fields_add(&f, "empty", false, 0);
	ks_fields_add(&f, "tags", true, 0);
	ks_strs_push(&ks_fields_add(&f, "yes", false, 0)->values, "a");
	ks_strs_push(&ks_fields_add(&f, "cover.url", false, 0)->values,
	    "https://x.test/a.jpg?b=c#d");
	/* Output is appended: what was there stays. */
	ks_buf_puts(&b, "---\n");
	CHECK_INT(ks_yaml_emit_fields(&f, &b), 0);
	CHECK_STR(ks_buf_cstr(&b), "---\n"
	    "title: 快手响应国际助残日\n"
	    "categories:\n"
	    "- 新媒体\n"
	    "- IT 之家\n"
	    "comments: 'false'\n"
	    "date: '2021-12-03T07:09:21Z'\n"
	    "empty:\n"
	    "tags: []\n"
	    "'yes': a\n"
	    "cover.url: https://x.test/a.jpg?b=c#d\n");

	/* On failure (invalid UTF-8) nothing is left of the attempt. */
	ks_strs_push(&ks_fields_add(&f, "bad", false, 0)->values, "\xFF");
	ks_buf_clear(&b);
	ks_buf_puts(&b, "---\n");
	CHECK_INT(ks_yaml_emit_fields(&f, &b), -1);
	CHECK_STR(ks_buf_cstr(&b), "---\n");
	ks_fields_free(&f);
	ks_buf_free(&b);
}

static void
test_emit_roundtrip(void)
{
	static const char *const tricky[] = {
		"快手: 公益", "'quoted'", "2022", "yes", "Yes", "ON", "n",
		"null", "NULL", "~", "- dash", "-", "#hash", "a #b", "a#b",
		"a: b", "ends:", "\"dq\"", "", "line\nbreak", "trailing\n",
		"\n", "tab\there", " lead", "trail ", "0x1F", "0o17",
		"0b101", "1e3", "-1.5", "+1", ".5", ".inf", "-.Inf", ".NaN",
		"2022-01-01", "2022-01-01 10:00:00 +08:00", "12:30:45",
		"1_000", "190:20:30", "[x]", "{y}", "@at", "`bt", "%p",
		"!tag", "&anchor", "*alias", "|pipe", ">gt", "?q", ",c",
		"<<", "=", "cr\rhere", "nel\xC2\x85x", "ls\xE2\x80\xA8x",
		"bom\xEF\xBB\xBFx", "del\x7Fx", "emoji 🙈", "It's", "12 月",
		"https://a.test/?q=1&r=2#f", "C:\\path\\x", "a\\nb",
		"’curly’ “quotes”", "...", "---", "--- x",
	};
	struct ks_fields f = KS_FIELDS_INIT, g = KS_FIELDS_INIT;
	struct ks_buf b = KS_BUF_INIT;
	struct ks_field *list;
	char key[32], cjk[501 * 3 + 1];
	size_t n, nt;
	const char *p;

	nt = sizeof(tricky) / sizeof(*tricky);
	for (size_t i = 0; i < nt; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		ks_strs_push(&ks_fields_add(&f, key, false, 0)->values,
		    tricky[i]);
	}
	/* The same strings as keys, and in a list. */
	for (size_t i = 0; i < nt; i++)
		if (tricky[i][0] != '\0')
			ks_strs_push(&ks_fields_add(&f, tricky[i], false,
			    0)->values, "v");
	list = ks_fields_add(&f, "list", true, 0);
	for (size_t i = 0; i < nt; i++)
		ks_strs_push(&list->values, tricky[i]);
	/* 500 CJK characters: never folded, never escaped. */
	cjk[0] = '\0';
	for (int i = 0; i < 500; i++)
		strcat(cjk, i % 7 == 6 ? " " : "快");
	ks_strs_push(&ks_fields_add(&f, "long", false, 0)->values, cjk);

	CHECK_INT(ks_yaml_emit_fields(&f, &b), 0);
	CHECK(strncmp(ks_buf_cstr(&b), "---", 3) != 0);
	CHECK(strstr(ks_buf_cstr(&b), "\n...") == NULL);
	p = strstr(ks_buf_cstr(&b), "long: ");
	CHECK(p != NULL);
	if (p) {
		CHECK(strncmp(p + 6, cjk, strlen(cjk)) == 0);
		CHECK_STR(p + 6 + strlen(cjk), "\n");
	}
	CHECK(strstr(ks_buf_cstr(&b), "k0: '快手: 公益'\n") != NULL);
	CHECK(strstr(ks_buf_cstr(&b), "\\u5FEB") == NULL);
	for (size_t i = 0; i < nt; i++) {
		/* Plain where it is safe. */
		if (strcmp(tricky[i], "12 月") != 0)
			continue;
		snprintf(key, sizeof(key), "\nk%zu: 12 月\n", i);
		CHECK(strstr(ks_buf_cstr(&b), key) != NULL);
	}

	CHECK_INT(ks_yaml_parse_fields(b.ptr, b.len, "rt", 1, &g), 0);
	CHECK_INT(g.len, f.len);
	n = f.len < g.len ? f.len : g.len;
	for (size_t i = 0; i < n; i++) {
		CHECK_STR(g.v[i].key, f.v[i].key);
		CHECK_INT(g.v[i].is_list, f.v[i].is_list);
		CHECK_INT(g.v[i].values.len, f.v[i].values.len);
		for (size_t j = 0; j < f.v[i].values.len &&
		    j < g.v[i].values.len; j++)
			CHECK_STR(g.v[i].values.v[j], f.v[i].values.v[j]);
	}
	ks_fields_free(&f);
	ks_fields_free(&g);
	ks_buf_free(&b);
}

/* A seed front matter read, emitted and read again gives the same. */
static void
test_emit_corpus(void)
{
	struct ks_fields f = KS_FIELDS_INIT, g = KS_FIELDS_INIT;
	struct ks_buf b = KS_BUF_INIT;

	for (size_t i = 0; i < sizeof(corpus) / sizeof(*corpus); i++) {
		CHECK_INT(parse_file(corpus[i].name, corpus[i].text,
		    strlen(corpus[i].text), &f), 0);
		ks_buf_clear(&b);
		CHECK_INT(ks_yaml_emit_fields(&f, &b), 0);
		CHECK_INT(ks_yaml_parse_fields(ks_buf_cstr(&b), b.len, "rt", 1,
		    &g), 0);
		CHECK_INT(g.len, f.len);
		for (size_t k = 0; k < f.len && k < g.len; k++) {
			CHECK_STR(g.v[k].key, f.v[k].key);
			CHECK_INT(g.v[k].values.len, f.v[k].values.len);
			for (size_t j = 0; j < f.v[k].values.len &&
			    j < g.v[k].values.len; j++)
				CHECK_STR(g.v[k].values.v[j],
				    f.v[k].values.v[j]);
		}
		ks_fields_free(&f);
		ks_fields_free(&g);
	}
	ks_buf_free(&b);
}

int
main(void)
{
	test_scalars();
	test_lists();
	test_maps_and_lines();
	test_empty();
	test_errors();
	test_depth();
	test_aliases();
	test_corpus();
	test_seeds();
	test_emit_format();
	test_emit_roundtrip();
	test_emit_corpus();
	return ks_check_done("yaml");
}
