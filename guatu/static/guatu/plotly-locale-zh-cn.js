// plotly.js in Chinese: the tool tips of its mode bar and its date and number formats (plotly's own zh-CN
// locale is not in the Python package, so guatu ships this one, written for the strings of the bundled
// plotly.js 4). Load it after plotly.min.js: it registers the locale and makes it the default of every
// chart drawn afterwards when the page is in Chinese (<html lang="zh-hans">).
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  window.Plotly.register({
    moduleType: "locale",
    name: "zh-CN",
    dictionary: {
      "Autoscale": "自动缩放",
      "Box Select": "框选",
      "Click to enter Colorscale title": "点击输入色阶标题",
      "Click to enter Component A title": "点击输入 A 分量标题",
      "Click to enter Component B title": "点击输入 B 分量标题",
      "Click to enter Component C title": "点击输入 C 分量标题",
      "Click to enter Plot subtitle": "点击输入副标题",
      "Click to enter Plot title": "点击输入图表标题",
      "Click to enter X axis title": "点击输入 X 轴标题",
      "Click to enter Y axis title": "点击输入 Y 轴标题",
      "Click to enter radial axis title": "点击输入径向轴标题",
      "Compare data on hover": "悬停时比较数据",
      "Double-click on legend to isolate one trace": "双击图例只显示该项",
      "Double-click to zoom back out": "双击恢复原始大小",
      "Download plot as JSON": "下载图表数据(JSON)",
      "Download plot as a PNG": "下载图片(PNG)",
      "Download plot": "下载图表",
      "Lasso Select": "套索选择",
      "Orbital rotation": "轨道旋转",
      "Pan": "平移",
      "Produced with Plotly.js": "由 Plotly.js 绘制",
      "Reset": "重置",
      "Reset axes": "重置坐标轴",
      "Reset camera to default": "重置视角",
      "Reset camera to last save": "恢复上次保存的视角",
      "Reset view": "重置视图",
      "Show closest data on hover": "悬停时显示最近的数据",
      "Sorry, there was a problem downloading your JSON file!": "抱歉,下载 JSON 文件时出错!",
      "Sorry, there was a problem downloading your image!": "抱歉,下载图片时出错!",
      "Toggle Spike Lines": "显示/隐藏参考线",
      "Turntable rotation": "转盘旋转",
      "Zoom": "缩放",
      "Zoom in": "放大",
      "Zoom out": "缩小",
      "close:": "收盘:",
      "high:": "最高:",
      "incoming flow count:": "流入数:",
      "low:": "最低:",
      "lower fence:": "下限:",
      "max:": "最大值:",
      "mean:": "平均值:",
      "median:": "中位数:",
      "min:": "最小值:",
      "new text": "新文本",
      "open:": "开盘:",
      "outgoing flow count:": "流出数:",
      "q1:": "下四分位数:",
      "q3:": "上四分位数:",
      "upper fence:": "上限:"
    },
    format: {
      days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
      shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
      months: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
      shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
      periods: ["上午", "下午"],
      dateTime: "%Y年%-m月%-d日 %A %X",
      date: "%Y-%m-%d",
      time: "%H:%M:%S",
      decimal: ".",
      thousands: ",",
      grouping: [3],
      currency: ["¥", ""],
      year: "%Y年",
      month: "%Y年%-m月",
      dayMonth: "%-m月%-d日",
      dayMonthYear: "%Y年%-m月%-d日"
    }
  });
  var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
  if (lang.indexOf("zh") === 0) {
    window.Plotly.setPlotConfig({ locale: "zh-CN" });
  }
})();
