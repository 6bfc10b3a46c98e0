package main

import (
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// shortZH holds the Chinese summary of each command, by its path.
var shortZH = map[string]string{
	"schoolplan":                       "学位规划：到2035年，每名适龄儿童每年都能在就近的公办学校获得学位吗？",
	"schoolplan simulate":              "逐年模拟一个方案（不带参数：内置的重庆示例）",
	"schoolplan compare":               "并列比较多个方案：未安置人数、学位、利用率、距离和各项指标",
	"schoolplan validate":              "检查城市数据文件夹或方案文件，列出发现的全部问题",
	"schoolplan demo":                  "把内置的示例城市及其方案写到 DIR，作为起点",
	"schoolplan report":                "生成一个独立的 HTML 报告：地图、年份滑块、方案切换、图表和指标",
	"schoolplan forecast":              "按区县、年龄（或年级）和年份输出预测的儿童数，含低、中、高方案",
	"schoolplan forecast backtest":     "用历年在校生数据滚动回测各预测方法",
	"schoolplan optimize":              "提出新建学校和扩容方案，使目标年份前每名起始年级新生都有学位",
	"schoolplan completion":            "生成指定 shell 的自动补全脚本",
	"schoolplan help":                  "任一命令的帮助",
	"schoolplan completion bash":       "生成 bash 的自动补全脚本",
	"schoolplan completion zsh":        "生成 zsh 的自动补全脚本",
	"schoolplan completion fish":       "生成 fish 的自动补全脚本",
	"schoolplan completion powershell": "生成 PowerShell 的自动补全脚本",
}

// headingsZH translates the headings of cobra's usage template.
var headingsZH = strings.NewReplacer(
	"Usage:", "用法：",
	"Aliases:", "别名：",
	"Examples:", "示例：",
	"Available Commands:", "命令：",
	"Additional Commands:", "其他命令：",
	"Global Flags:", "全局选项：",
	"Flags:", "选项：",
	"Additional help topics:", "其他帮助主题：",
	`Use "{{.CommandPath}} [command] --help" for more information about a command.`,
	`用 "{{.CommandPath}} [命令] --help" 查看该命令的说明。`,
)

// setHelpLang makes --help speak Chinese when the help language is zh:
// the summaries of the commands and the headings; flag texts stay
// English. The language is --lang, else SCHOOLPLAN_LANG, else the
// locale (LC_ALL, LC_MESSAGES, LANG) when it starts with zh.
func setHelpLang(g *globals, root *cobra.Command) {
	def := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if helpLang(g.v.GetString("lang")) == "zh" {
			translate(c.Root())
		}
		def(c, args)
	})
}

// helpLang is the language of --help: lang when given, else the locale's
// when it is Chinese, else en.
func helpLang(lang string) string {
	if lang != "" {
		return strings.ToLower(lang)
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

// translate gives c and every command below it its Chinese summary and
// Chinese headings; a command's longer description stays English, under
// the Chinese summary.
func translate(c *cobra.Command) {
	if s, ok := shortZH[c.CommandPath()]; ok && c.Short != s {
		c.Short = s
		if c.Long != "" {
			c.Long = s + "\n\n" + c.Long
		}
	}
	c.SetUsageTemplate(headingsZH.Replace(c.UsageTemplate()))
	for _, sub := range c.Commands() {
		translate(sub)
	}
}
