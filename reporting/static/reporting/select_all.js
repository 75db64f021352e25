// "Chọn tất cả": ticks every report awaiting review on this page of the queue.
document.addEventListener("DOMContentLoaded", () => {
  const all = document.getElementById("select-all");
  if (!all) return;
  all.addEventListener("change", () => {
    document.querySelectorAll('#bulk-approve input[name="report"]').forEach((box) => {
      box.checked = all.checked;
    });
  });
});
