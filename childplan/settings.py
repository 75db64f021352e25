"""Settings read from the environment (django-environ).

Without DATABASE_URL the portal runs on an SQLite file in the project; without
REDIS_URL Celery runs tasks eagerly in-process and the cache is local memory.
"""

import datetime
import sys
from pathlib import Path

import environ
from celery.schedules import crontab

from childplan import plan_reader

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    # A development key only where nothing it signs reaches a browser: DEBUG, the test
    # suite, and manage.py commands. The web server and the Celery worker refuse to start.
    if not (DEBUG or "pytest" in sys.modules or Path(sys.argv[0]).name == "manage.py"):
        raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "agencies",
    "indicators",
    "childplan",
    "reporting",
    "assessments",
    "progress",
    "exchange",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The interface language: the signed-in user's choice, else the browser's cookie, else
    # Vietnamese (never the Accept-Language header: Vietnamese is the default for everyone).
    "agencies.middleware.LanguageMiddleware",
    "childplan.sessions.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "agencies.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Below the header middlewares, so the page it makes of an empty 405 gets their headers.
    "childplan.error_views.MethodNotAllowedPage",
    "simple_history.middleware.HistoryRequestMiddleware",
    # API reads into the access log (exchange/middleware.py).
    "exchange.middleware.ApiReadLogMiddleware",
    # Last: turns a refused sign-in (too many failures) into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "childplan.urls"
WSGI_APPLICATION = "childplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and immediate transactions keep the eager Celery tasks and the web
    # requests from failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # django-redis, for its IGNORE_EXCEPTIONS: with Redis down a read is a miss and a write
    # is skipped (logged), so the pages still answer, only slower. Short timeouts keep a
    # Redis that does not answer from holding a request for long.
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "childplan",
                          "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5,
                                      "SOCKET_TIMEOUT": 0.5}}}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    # No result store: nothing reads a task's result, and Celery's Redis result store makes
    # every .delay() subscribe to Redis, which after an outage stays broken until restart.
    CELERY_TASK_IGNORE_RESULT = True
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message is acknowledged once its task has finished, and put back in the queue when the
# worker process running it dies (killed, out of memory): every task is idempotent. One
# message reserved at a time, so a dying worker holds back no one else's.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis gives an unacknowledged message to another worker after this long: above the
# longest task's time limit (the nightly recompute, 1,800 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 1,
                                   "socket_timeout": 2}
# An approval queues its recompute after commit; with Redis down it must give up quickly
# (the recompute is pending in the database and the sweep runs it), not retry for seconds.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0,
                                    "interval_step": 0.2, "interval_max": 0.2}

# Accounts. Django's validators, their messages in Vietnamese (tests/childplan/test_passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "childplan.passwords.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id for new hashes (scripts/bench_password_hash.py measures what a sign-in costs);
# the others only check old hashes, which are upgraded at their owner's next sign-in.
PASSWORD_HASHERS = [
    "childplan.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account,
# or from one address, both are refused until the cool-off has passed, even with the right
# password; the site's and the admin's sign-in alike.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# On by default; the deadline-day load benchmark alone turns it off (AXES_ENABLED=False):
# its 200 sign-ins from 127.0.0.1 are no attack.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Trying again while locked out does not push the end of the cool-off further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "childplan.error_views.locked_out"
AXES_CLIENT_IP_CALLABLE = "agencies.client.client_ip"
# Sign-ins are kept in the portal's own access log (agencies.AccessLog); of django-axes'
# tables the admin lists only the failed attempts (delete one to lift its lock).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: none, the
# client's address is the connection's); the address is what throttling and the access log use.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
# Signed-in sessions end after this long without a request (childplan.sessions).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
# The access log (sign-ins, exports, API reads) is kept this long (Luật Bảo vệ dữ liệu cá
# nhân 91/2025/QH15), then purged by the nightly job.
ACCESS_LOG_KEEP_DAYS = env.int("ACCESS_LOG_KEEP_DAYS", default=365)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plan_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
# Each language named in itself, as the switch in the header shows it.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The templates' and the project's own strings; each app keeps its own in <app>/locale.
LOCALE_PATHS = [BASE_DIR / "locale"]
# The switch's cookie outlives the session: the language stays chosen after signing out.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["childplan.formats"]
# Numbers are formatted explicitly (indicators.numbers.format_number, with the separators of
# the active language's format module); a global separator would print years as "2.025".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# plotly.js from the installed plotly package: its version always matches plotly.py, and
# offices without Internet still get their charts.
STATICFILES_DIRS = [BASE_DIR / "static",
                    ("plotly", Path(__import__("plotly").__file__).parent / "package_data")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
                    if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="childplan@localhost")

# Where the seed documents and catalogue live.
FIXTURES_DIR = BASE_DIR / "fixtures"
# The plan-import review form carries ~8 fields per target; a long plan has 100+ targets.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer's health check may come over plain HTTP, straight to gunicorn.
    SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Asking browsers to preload HTTPS for the whole domain is the domain owner's decision, made
# with hstspreload.org, not a default of one site on it: its reminder is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Behind a TLS reverse proxy: the header the proxy sets (overwriting the client's) to say the
# request came over HTTPS, e.g. X-Forwarded-Proto; without it every request looks like plain
# HTTP and SECURE_SSL_REDIRECT redirects for ever.
if env("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + env("SECURE_PROXY_SSL_HEADER").upper().replace("-", "_"), "https")
CSRF_FAILURE_VIEW = "childplan.error_views.csrf_failure"

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere. Two <style>
# elements plotly.js writes are allowed by their hashes: the empty one it then fills through
# the CSSOM (which the policy does not govern; the hash of the empty string), and the map
# stylesheet its bundle adds on load (maps are unused here; tests/progress/test_chart_pages.py
# checks the hash against the installed plotly.min.js).
PLOTLY_STYLE_ELEMENTS = ["'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
                         "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *PLOTLY_STYLE_ELEMENTS],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Permissions-Policy (django-permissions-policy): no page needs a device or a sensor.
PERMISSIONS_POLICY = {feature: [] for feature in [
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
    "screen-wake-lock", "usb", "xr-spatial-tracking"]}

# The API (/api/v1/, exchange/): calls a minute allowed to each personal token, and to each
# signed-in user's session; past it the API answers 429 with the seconds to wait.
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="300/m")
# Largest body a POST to the API may send (a report's figures, an ADX or dataValueSets file).
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=2 * 1024 * 1024)

# Papers: the LibreOffice program that prints a paper to PDF (progress/papers/pdf.py); empty:
# "soffice" found on the PATH (the Dockerfile installs it).
SOFFICE = env("SOFFICE", default="")

# Excel. Uploaded templates above this size are refused before they are read.
CHILDPLAN_UPLOAD_MAX_BYTES = env.int("CHILDPLAN_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
# Plan import: the longest document text the plan reader takes (a longer one is refused).
CHILDPLAN_PLAN_MAX_CHARACTERS = env.int("CHILDPLAN_PLAN_MAX_CHARACTERS",
                                        default=plan_reader.MAX_CHARACTERS)
CHILDPLAN_PLAN_MAX_LINES = env.int("CHILDPLAN_PLAN_MAX_LINES", default=plan_reader.MAX_LINES)
# Admin import/export (django-import-export): no admin log row per imported row, and the
# empty rows LibreOffice leaves at the end of a sheet are not rows.
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
# Importing needs the model's change permission, exporting its view permission: a staff
# account without them sees neither button and is refused both pages.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Periodic jobs (celery beat); each also has a management command.
CELERY_BEAT_SCHEDULE = {
    # Every minute: the plans whose snapshots lack a requested change (their message lost
    # while Redis was down, their worker killed). A sweep not started within the minute is
    # dropped: the next one does the same work.
    "progress-sweep-stale": {"task": "progress.tasks.sweep_stale", "schedule": 60.0,
                             "options": {"expires": 55}},
    # Nightly, when no one reports: every plan's snapshots from the approved figures.
    "progress-recompute-all": {"task": "progress.tasks.recompute_all",
                               "schedule": crontab(hour=1, minute=0),
                               "options": {"expires": 60 * 60 * 6}},
    # Daily, Vietnam time: reporters 7 and 1 days before a deadline, reviewers after it.
    "reporting-deadline-reminders": {"task": "reporting.tasks.send_deadline_reminders",
                                     "schedule": crontab(hour=7, minute=0)},
    "reporting-review-digest": {"task": "reporting.tasks.send_review_digest",
                                "schedule": crontab(hour=7, minute=30)},
    # Nightly: access-log rows older than ACCESS_LOG_KEEP_DAYS.
    "agencies-purge-access-log": {"task": "agencies.tasks.purge_access_log",
                                  "schedule": crontab(hour=2, minute=0)},
}
