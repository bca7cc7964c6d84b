#!/bin/sh
# A first session with the twauth CLI against the local X API emulator: nothing here talks to X.
# Run it in an empty folder, with twauth and @twauth/emulator installed:  sh session.sh
set -eu

# 1. Start the emulator: a local X API with a built-in app and two users (fake credentials).
#    PORT=0 picks any free port; the URL is read back from its first line.
twauth emulator --port "${PORT:-8787}" > emulator.log &
emulator_pid=$!
trap 'kill "$emulator_pid"' EXIT
tries=0
until grep -q "listening on" emulator.log 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 40 ]; then echo "the emulator did not start" >&2; exit 1; fi
  sleep 0.25
done
base_url=$(sed -n 's/.*listening on //p' emulator.log)

# 2. The config: where the credentials are, and which API to talk to.
cat > twauth.config.yaml <<EOF
store:
  type: dotenv
  path: .env
baseUrl: $base_url
EOF

# 3. The credentials (ACCESS_TOKEN here; the seed tutorial's ACCESS_KEY works too): the emulator's app and first user.
cat > .env <<'EOF'
CONSUMER_KEY=EmuLat0rC0nsumerKey000001
CONSUMER_SECRET=EmuLat0rC0nsumerSecret0000000000000000000000000001
ACCESS_TOKEN=1460000000000000001-EmuLat0rAccessT0ken000000000000000000001
ACCESS_TOKEN_SECRET=EmuLat0rAccessT0kenSecret00000000000000000001
EOF
chmod 600 .env

# 4. Who am I, with which token, and how much of the rate limit is left?
twauth verify

# 5. Everything auth depends on, one line per check.
twauth doctor

# 6. Sign in the second user as a new profile: open the URL it prints, approve, type the PIN shown.
#    The profile "second" is created in .env (TWAUTH_SECOND_*); the first user's lines stay.
twauth login --profile second --screen-name twauth_second

# 7. Profile "second" acts for @twauth_second.
twauth verify --profile second
