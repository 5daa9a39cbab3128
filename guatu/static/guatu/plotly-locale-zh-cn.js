// Chinese (zh-CN) for plotly.js, served locally: the mode bar's words, month names and date formats
// ("2024年1月", never "Jan 2024"), and the number separators. Load it after plotly.min.js and draw with
// the config { locale: "zh-CN" } (guatu's own file, in the format of plotly.js's locale modules).
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  var months = ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"];
  window.Plotly.register({
    moduleType: "locale",
    name: "zh-CN",
    dictionary: {
      "Autoscale": "自动缩放",
      "Box Select": "矩形框选",
      "Compare data on hover": "悬停时比较数据",
      "Double-click on legend to isolate one trace": "双击图例可只显示该系列",
      "Double-click to zoom back out": "双击还原",
      "Download plot": "下载图表",
      "Download plot as a PNG": "下载图表（PNG）",
      "Download plot as JSON": "下载图表（JSON）",
      "Image download succeeded": "图片已下载",
      "JSON download succeeded": "JSON 已下载",
      "Lasso Select": "套索选择",
      "Pan": "平移",
      "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
      "Produced with Plotly.js": "由 Plotly.js 绘制",
      "Reset": "重置",
      "Reset axes": "重置坐标轴",
      "Reset view": "重置视图",
      "Reset views": "重置视图",
      "Show closest data on hover": "悬停时显示最近的数据",
      "Toggle Spike Lines": "显示/隐藏参考线",
      "Toggle show closest data on hover": "切换悬停显示",
      "Zoom": "缩放",
      "Zoom in": "放大",
      "Zoom out": "缩小"
    },
    format: {
      days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
      shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
      months: months,
      shortMonths: months,
      periods: ["上午", "下午"],
      dateTime: "%Y年%-m月%-d日 %X",
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
})();
