"""The API under /api/v1/, built on django-ninja.

django-ninja rather than Django REST framework + drf-spectacular: the endpoints are a
handful of reads and four writes over function-style handlers (the shape of our views),
the schemas are typed Pydantic models the OpenAPI 3 document is generated from with no
second description to keep in step, and it is one dependency instead of two.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop
from ninja import NinjaAPI

from exchange import errors
from exchange.auth import PerCallerThrottle, session_auth, token_auth
from exchange.export_api import router as export_router
from exchange.read_api import router as read_router
from exchange.write_api import router as write_router

# Marked for the catalogue only: the schema keeps the Vietnamese, the documentation page
# (exchange/docs.py) translates it as it shows it.
DESCRIPTION = gettext_noop(
    """API dữ liệu mở của ChildPlan: danh mục chỉ tiêu, kế hoạch, đơn vị hành chính
theo mã chính thức (Quyết định 19/2025/QĐ-TTg), kỳ báo cáo, báo cáo, số liệu và tiến độ;
gửi số liệu báo cáo, duyệt và trả lại; xuất SDMX-CSV 2.0 và ADX (DHIS2).

Xác thực bằng mã truy cập cá nhân (`Authorization: Bearer cp_…`, tạo ở trang «Mã truy cập
API» của tài khoản) hoặc phiên đăng nhập. Mỗi tài khoản chỉ thấy và làm được đúng những gì
các trang web cho phép. Lỗi trả về JSON `{"detail": …, "errors": [{"field", "row",
"measure", "reason"}]}` bằng tiếng Việt.""")

api = NinjaAPI(title="ChildPlan API", version="1", description=DESCRIPTION,
               urls_namespace="api", docs_url=None, auth=[token_auth, session_auth],
               throttle=[PerCallerThrottle()])
errors.install(api)
api.add_router("", read_router)
api.add_router("", write_router)
api.add_router("", export_router)
