# Sourced (POSIX sh) by ./mvnw, .ci/run and local-stack/run: make JAVA_HOME name a JDK 21 or newer.
# Keeps a JAVA_HOME that already does; otherwise takes the newest JDK >= 21 among the `java` on the PATH
# and /usr/lib/jvm/* (on these machines the default java is 17 and a Temurin 25 sits beside it).
ssn_jdk_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p'
  fi
}
ssn_jdk_ok() {
  [ -x "$1/bin/javac" ] || return 1
  ssn_major=$(ssn_jdk_major "$1")
  [ -n "$ssn_major" ] && [ "$ssn_major" -ge 21 ]
}
if [ -z "${JAVA_HOME:-}" ] || ! ssn_jdk_ok "$JAVA_HOME"; then
  ssn_best=""
  ssn_best_major=0
  ssn_path_java=$(command -v java 2>/dev/null || true)
  ssn_path_home=""
  if [ -n "$ssn_path_java" ]; then
    ssn_path_home=$(dirname "$(dirname "$(readlink -f "$ssn_path_java")")")
  fi
  for ssn_dir in $ssn_path_home /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    if [ -d "$ssn_dir" ] && ssn_jdk_ok "$ssn_dir" && [ "$ssn_major" -gt "$ssn_best_major" ]; then
      ssn_best=$ssn_dir
      ssn_best_major=$ssn_major
    fi
  done
  if [ -n "$ssn_best" ]; then
    JAVA_HOME=$ssn_best
    export JAVA_HOME
  else
    echo "No JDK 21 or newer found: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
  fi
  unset ssn_best ssn_best_major ssn_path_java ssn_path_home ssn_dir
fi
unset ssn_major
