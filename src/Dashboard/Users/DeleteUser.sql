DELETE FROM users WHERE username = $username
