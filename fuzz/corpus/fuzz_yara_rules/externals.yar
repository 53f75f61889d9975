rule r { meta: score = 70 description = "x" strings: $a = "cmd.exe" nocase $b = /eval\(\$_POST/ condition: any of them and filename matches /\.php$/ }
