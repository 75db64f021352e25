/* ChildPlan: Vietnamese for the plotly.js toolbar, hints and notices, and Vietnamese date and
   number formats. Registered as the locale "vi" (static/js/charts.js asks for it). The keys
   are the English texts plotly.js 4 shows on 2D charts. */
(function () {
  "use strict";
  if (!window.Plotly) return;
  window.Plotly.register({
    moduleType: "locale",
    name: "vi",
    dictionary: {
      "Autoscale": "Tự động căn trục",
      "Box Select": "Chọn theo khung",
      "Lasso Select": "Chọn tự do",
      "Compare data on hover": "So sánh các số liệu khi rê chuột",
      "Show closest data on hover": "Hiện số liệu gần nhất khi rê chuột",
      "Toggle show closest data on hover": "Bật/tắt hiện số liệu khi rê chuột",
      "Toggle Spike Lines": "Bật/tắt đường gióng",
      "Double-click on legend to isolate one trace": "Nhấp đúp vào chú giải để chỉ xem một đường",
      "Double-click to zoom back out": "Nhấp đúp để trở lại toàn cảnh",
      "Download plot": "Tải biểu đồ về",
      "Download plot as a PNG": "Tải biểu đồ về dạng ảnh PNG",
      "Download plot as JSON": "Tải biểu đồ về dạng JSON",
      "Preparing image - this may take a few seconds": "Đang tạo ảnh, xin chờ vài giây",
      "Image download succeeded": "Đã tải ảnh về",
      "Sorry, there was a problem downloading your image!": "Rất tiếc, chưa tải được ảnh về!",
      "JSON download succeeded": "Đã tải tệp JSON về",
      "Sorry, there was a problem downloading your JSON file!": "Rất tiếc, chưa tải được tệp JSON về!",
      "Pan": "Kéo để di chuyển",
      "Reset": "Đặt lại",
      "Reset axes": "Đặt lại các trục",
      "Reset view": "Đặt lại khung nhìn",
      "Reset views": "Đặt lại khung nhìn",
      "Zoom": "Phóng to vùng chọn",
      "Zoom in": "Phóng to",
      "Zoom out": "Thu nhỏ",
      "Produced with Plotly.js": "Vẽ bằng Plotly.js",
      "Cancel": "Hủy",
      "new text": "chữ mới",
      "trace": "đường"
    },
    format: {
      days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
      shortDays: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
      months: ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7",
               "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"],
      shortMonths: ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10",
                    "Th11", "Th12"],
      date: "%d/%m/%Y",
      decimal: ",",
      thousands: "."
    }
  });
})();
