"""Two-factor login (TOTP, django-otp): the rules that hold on every request.

- A user with a confirmed device is only logged in after a valid code
  (`core/tweestaps/views.py`); a session that got in some other way (for instance
  through the admin's own login form) is ended.
- With `TWEESTAPS_VERPLICHT_VOOR_GEMEENTE` a gemeente user without a confirmed device
  can use nothing but the setup page (and logging out) until it is set up.

Whether the user has a device is kept in the session from the moment of login, so
ordinary requests cost no extra query.

Recovery codes (herstelcodes) are django-otp's static plugin: one `StaticDevice` per
user with single-use `StaticToken`s, made when TOTP is confirmed and replaced on
request. They only count next to a confirmed TOTP device (which is what "two-factor
login is on" means everywhere, the admin included). A token holds not the code but
its keyed hash (`herstelcode_hash`): whoever reads the database cannot log in with
it. The key derives from SECRET_KEY, so a new SECRET_KEY voids the codes (the app's
codes still work, and new recovery codes can be made).

The package: `services` (devices, recovery codes), `middleware` (the rules on every
request, and the login signal), `views` and `urls`.
"""
