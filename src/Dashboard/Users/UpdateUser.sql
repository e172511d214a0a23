UPDATE users
SET password_hash = $password_hash, role = $role, region_code = $region_code, security_stamp = $security_stamp,
    failed_logins = $failed_logins, locked_until = $locked_until, created_at = $created_at, changed_at = $changed_at
WHERE username = $username
