package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// TestEveryCommandHasChineseSummary walks the command tree, so that a new
// command cannot be added without its Chinese summary.
func TestEveryCommandHasChineseSummary(t *testing.T) {
	root := newRootCommand(&globals{v: viper.New()})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if _, ok := shortZH[c.CommandPath()]; !ok {
			t.Errorf("%q has no Chinese summary in shortZH", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func TestHelpLanguage(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		want, lack []string
	}{
		{"flag zh", nil, []string{"--lang", "zh", "--help"},
			[]string{"学位规划：", "用法：", "命令：", "  simulate    逐年模拟一个方案", "选项："}, []string{"Usage:", "Available Commands:"}},
		{"flag en over a Chinese locale", map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"--lang", "en", "--help"},
			[]string{"School-seat planning:", "Usage:", "  simulate    Simulate a scenario"}, []string{"用法："}},
		{"SCHOOLPLAN_LANG", map[string]string{"SCHOOLPLAN_LANG": "zh"}, []string{"compare", "--help"},
			[]string{"并列比较多个方案", "用法：", "全局选项："}, []string{"Usage:"}},
		{"Chinese locale", map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"forecast", "--help"},
			[]string{"按区县、年龄（或年级）和年份输出预测的儿童数", "Forecast makes a scenario's forecast", "  backtest    用历年在校生数据滚动回测"}, nil},
		{"English locale", map[string]string{"LANG": "en_GB.UTF-8"}, []string{"--help"},
			[]string{"School-seat planning:", "Usage:"}, []string{"学位规划"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "SCHOOLPLAN_LANG"} {
				t.Setenv(k, tc.env[k])
			}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tc.args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			out := stdout.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("help lacks %q:\n%s", w, out)
				}
			}
			for _, l := range tc.lack {
				if strings.Contains(out, l) {
					t.Errorf("help has %q:\n%s", l, out)
				}
			}
		})
	}
}
