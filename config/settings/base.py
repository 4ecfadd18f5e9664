"""All settings; environments differ only in the variables they set (see .env.example)."""

from datetime import timedelta

from celery.schedules import crontab

from config.env import BASE_DIR, env

SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="insecure-dev-key-only-for-the-embedded-default"
)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "core.admin_nl.PortaalAdminConfig",  # django.contrib.admin, names in Dutch
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes (herstelcodes) for users who lose their phone.
    "django_otp.plugins.otp_static",
    "core",
    "stamgegevens",
    "toewijzingen",
    "declaraties",
    "berichten",
    "rapportages",
    "portaal",
    "demo",
    "meldingen",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A write in the request marks the parties' kept start-page counts old on commit.
    "meldingen.verversen.VersNaActieMiddleware",
    # django-otp: request.user.is_verified() after the code step of the login.
    "django_otp.middleware.OTPMiddleware",
    # Cache-Control: no-store on every response to a logged-in user (core/privacy.py).
    "core.privacy.GeenOpslagMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-factor rules: a user with a device must have entered a code; optionally
    # gemeente users must set one up first (core/tweestaps/middleware.py).
    "core.tweestaps.middleware.TweestapsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: login throttling per username and address.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "core.context_processors.navigatie",
                "core.thema.thema",
            ],
        },
    },
]

# Django's form templates, a plain <select> written in Python (core/formweergave.py).
FORM_RENDERER = "core.formweergave.Weergave"

# No DATABASE_URL: an SQLite file in the project folder (the embedded default).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0)
)
# PostgreSQL checks every so many ms whether the client of a running query is still
# there: a worker killed while its query waits (on a row lock, say) would otherwise
# leave a backend that holds the message's locks until that query ends.
DATABASE_CLIENT_CHECK_MS = env.int("DATABASE_CLIENT_CHECK_MS", default=5000)
if DATABASES["default"]["ENGINE"].endswith("postgresql") and DATABASE_CLIENT_CHECK_MS:
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c client_connection_check_interval={DATABASE_CLIENT_CHECK_MS}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per process by default; CACHE_URL=redis://… shares it between web processes.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# How long the start page uses a party's kept counts and first signals (core.Werkvoorraad)
# before it recomputes them itself; celery beat refreshes them every 30 s.
START_CACHE_SECONDEN = env.int("START_CACHE_SECONDEN", default=60)

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LOCALE_PATHS = [BASE_DIR / "locale"]  # Dutch labels of the third-party apps' admin
FORMAT_MODULE_PATH = ["config.formats"]  # dates shown as dd-mm-jjjj
# A list filter's empty choice reads "Alle" (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = "Alle"
FILTERS_NULL_CHOICE_LABEL = "Geen"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# The installation's huisstijl: static/themes/<PORTAAL_THEMA>.css (design tokens) and
# static/themes/<PORTAAL_THEMA>.svg (logo); see docs/interface.md.
PORTAAL_THEMA = env("PORTAAL_THEMA", default="neutraal")
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))

# Login throttling (django-axes): after 5 failures, 15 minutes locked per username + address.
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(
    minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
# Every failed login is kept (axes.AccessFailureLog), also after a later success.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = env.bool("DJANGO_AXES_VERBOSE", default=False)

# Two-factor login (django-otp, TOTP): optional for everyone; with
# TWEESTAPS_VERPLICHT_VOOR_GEMEENTE a gemeente user must set it up before anything else.
TWEESTAPS_VERPLICHT_VOOR_GEMEENTE = env.bool(
    "TWEESTAPS_VERPLICHT_VOOR_GEMEENTE", default=False
)
OTP_TOTP_ISSUER = "wmo-portaal"
# Exponential back-off after a wrong code (1, 2, 4, ... seconds); 0 would switch it off.
OTP_TOTP_THROTTLE_FACTOR = 1
# The same back-off for recovery codes.
OTP_STATIC_THROTTLE_FACTOR = 1
# Beheerders see who has a device in the admin, never its secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Content-Security-Policy (django-csp): only our own scripts, styles and images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.ZoekFilterBackend",  # a BSN in a header, not the URL
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "wmo-portaal API",
    "DESCRIPTION": "Stamgegevens, toewijzingen, declaraties en iWmo 3.2 berichten.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs are for logged-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Celery: no broker configured means tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Nothing stranded (README "Scaling out"). A message or job that waits longer than
# WACHTRIJ_WACHTTIJD_SECONDEN in a state that is not final is offered to the broker
# again by the sweep (`herstel_wachtrij`), at most WACHTRIJ_POGINGEN times; after
# that, or after as many processing attempts that broke off, it ends in `fout`.
WACHTRIJ_WACHTTIJD_SECONDEN = env.int("WACHTRIJ_WACHTTIJD_SECONDEN", default=300)
WACHTRIJ_POGINGEN = env.int("WACHTRIJ_POGINGEN", default=3)
# A message a worker found taken by another (or whose database connection broke)
# is tried again by that worker after this many seconds, WACHTRIJ_POGINGEN times.
WACHTRIJ_OPNIEUW_SECONDEN = env.int("WACHTRIJ_OPNIEUW_SECONDEN", default=10)
# A running job writes a heartbeat every TAAK_HARTSLAG_SECONDEN; a `bezig` job
# without one for WACHTRIJ_WACHTTIJD_SECONDEN is marked interrupted by the sweep.
TAAK_HARTSLAG_SECONDEN = env.int("TAAK_HARTSLAG_SECONDEN", default=30)
# The longest a task may run: killed after it (hard time limit), and the broker
# redelivers an unacknowledged task only after a little more, so a long task is
# never handed to a second worker while it still runs.
LANGSTE_TAAK_SECONDEN = env.int("LANGSTE_TAAK_SECONDEN", default=1800)
CELERY_TASK_TIME_LIMIT = LANGSTE_TAAK_SECONDEN
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # a killed pool child: redelivered, not lost
WACHTRIJ_ZICHTBAARHEID_SECONDEN = env.int(
    "WACHTRIJ_ZICHTBAARHEID_SECONDEN", default=LANGSTE_TAAK_SECONDEN + 60
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": WACHTRIJ_ZICHTBAARHEID_SECONDEN,  # Redis
    "unacked_restore_interval": max(1, min(10, WACHTRIJ_ZICHTBAARHEID_SECONDEN // 20)),
    "unacked_restore_throttle": 1,
}
# Queueing must not hold up a request when the broker is down: a few quick tries.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# Periodic work (celery beat); cron users run `manage.py signalen` and
# `manage.py herstel_wachtrij` instead.
CELERY_BEAT_SCHEDULE = {
    "wachtrij-herstellen": {
        "task": "core.herstel_wachtrij",
        "schedule": 60.0,
    },
    "toewijzingen-signalen": {
        "task": "toewijzingen.signalen_berekenen",
        # Stored signals (toewijzingen.Signaal): recomputed every quarter hour.
        "schedule": crontab(minute="*/15"),
    },
    # R-G1: approved stamgegevens changes take effect on their ingangsdatum.
    "stamgegevens-wijzigingen-doorvoeren": {
        "task": "stamgegevens.wijzigingen_doorvoeren",
        "schedule": crontab(hour=0, minute=5),
    },
    # Before START_CACHE_SECONDEN runs out, so no visitor waits for the counts.
    "core-werkvoorraad": {
        "task": "core.werkvoorraad_verversen",
        "schedule": 30.0,
    },
    # The dashboards' summary (rapportages.Maandcijfer): stale pairs, and every
    # pair once a year (it holds up to the end of next year).
    "rapportages-samenvatting": {
        "task": "rapportages.samenvatting_bijwerken",
        "schedule": 60.0,
    },
    "rapportages-samenvatting-jaar": {
        "task": "rapportages.samenvatting_opbouwen",
        "schedule": crontab(month_of_year=1, day_of_month=1, hour=0, minute=30),
    },
    # New werkvoorraad items: in-app meldingen and the e-mails sent at once.
    "meldingen-direct": {
        "task": "meldingen.direct_versturen",
        "schedule": crontab(minute="*/5"),
    },
    # The daily digest e-mails (once per user and day; cron: meldingen_versturen).
    "meldingen-dagoverzicht": {
        "task": "meldingen.dagoverzicht_versturen",
        "schedule": crontab(hour=7, minute=0),
    },
}

# E-mail (django-environ email_url): smtp://user:pass@host:587 or
# smtp+tls://…; the embedded default writes every e-mail to the console.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="wmo-portaal <noreply@localhost>"
)
# The address of the portal as users reach it: the links in e-mails.
PORTAAL_URL = env("PORTAAL_URL", default="http://localhost:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# A product table import is all or nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
