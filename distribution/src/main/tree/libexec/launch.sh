# Shared by the scripts in bin/: find the tree and a Java, then exec the JVM.
# Sourced with script (the program's path, every symlink resolved: readlink -f), HAKEEPER_MAIN (main class)
# and HAKEEPER_JVM_FLAGS set; "$@" are the program's arguments.

# The tree is the parent of bin/, found through any chain of symlinks so that a link in /usr/local/bin works.
# Cut from the resolved path rather than asked of dirname and pwd: each command substitution forks, and a
# client that must answer fast pays for every one.
HAKEEPER_HOME=${script%/*/*}

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  java=$(command -v java)
else
  echo "$(basename -- "$0"): no Java found: set JAVA_HOME or put java (17 or newer) on PATH" >&2
  exit 1
fi

# The class path: every jar in lib/, or only the named ones (HAKEEPER_JARS, names without version) for a
# client that must start fast: the JVM opens the jars of a class path in order, so fewer jars, sooner answer.
classpath="$HAKEEPER_HOME/lib/*"
if [ -n "${HAKEEPER_JARS:-}" ]; then
  classpath=""
  for name in $HAKEEPER_JARS; do
    for jar in "$HAKEEPER_HOME"/lib/"$name"-[0-9]*.jar; do
      classpath="${classpath:+$classpath:}$jar"
    done
  done
fi

# HAKEEPER_JAVA_OPTS lets an operator add flags (a larger heap, a debug agent) without editing this file.
# shellcheck disable=SC2086
exec "$java" $HAKEEPER_JVM_FLAGS ${HAKEEPER_JAVA_OPTS:-} \
  -Dhakeeper.home="$HAKEEPER_HOME" \
  -cp "$classpath" \
  "$HAKEEPER_MAIN" "$@"
