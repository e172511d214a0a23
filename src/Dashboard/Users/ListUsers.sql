SELECT username, password_hash, role, region_code, security_stamp, failed_logins, locked_until, created_at, changed_at
FROM users
ORDER BY username
