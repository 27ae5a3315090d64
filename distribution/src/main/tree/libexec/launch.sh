# Shared by the scripts in bin/: find the tree and a Java, then exec the JVM.
# Sourced with script (the program's path, every symlink resolved: readlink -f), HAKEEPER_MAIN (main class)
# and HAKEEPER_JVM_FLAGS set; "$@" are the program's arguments.
# Optional: HAKEEPER_JARS (below) and HAKEEPER_CDS_ARCHIVE with HAKEEPER_CDS_TRAINING and HAKEEPER_CDS_KIND
# (class data sharing).

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

# Class data sharing, for a client that must start fast. HAKEEPER_CDS_ARCHIVE names a file in lib/ holding
# the program's classes as a JVM left them, parsed and verified, at the end of a training run (the program
# run with the arguments HAKEEPER_CDS_TRAINING under -XX:ArchiveClassesAtExit); mapping it saves most of
# the class loading. Such a dynamic archive fits only the Java build that made it and the class path it was
# made with (absolute jar paths, their sizes and times). So it is made where it is used, not shipped: the
# build makes one for the tree it assembles, and a run here makes it again first when the stamp beside it
# names another Java or class path (another Java, a moved tree) or Java or a jar changed since (upgrades),
# provided lib/ is writable (root, once after installing or moving the tree; that run waits for it, about
# 0.3 s, rather than leave a background job behind that could race a copied or deleted tree).
# The stamp records the attempt, made or not: a JVM that cannot make one is not asked again at each run;
# remove the stamp to retrain. Whatever the archive's state, ha-admin works: with -Xshare:auto the JVM
# checks the archive and, if it does not fit, quietly goes on with the JDK's default one alone (-Xlog:cds
# off keeps its notes out of the output), and the archive is written under a temporary name and renamed
# into place, because a JVM that maps a half-written archive crashes. (Java 19's
# -XX:+AutoCreateSharedArchive does this by itself, but hakeeper runs on Java 17.)
# HAKEEPER_CDS_KIND=static makes a static archive instead (the training run lists the classes it loads,
# -XX:DumpLoadedClassList, and -Xshare:dump archives them, the JDK's with the program's): it replaces the
# JDK's default archive rather than adding to it, so it holds only the classes the program uses and costs
# less resident memory (the daemon: 1.4 MiB), for a longer making (a few seconds). One that does not fit
# leaves the JVM without any archive, slower to start but working.
cds_archive=""
if [ -n "${HAKEEPER_CDS_ARCHIVE:-}" ]; then
  archive="$HAKEEPER_HOME/lib/$HAKEEPER_CDS_ARCHIVE"
  stamp="$archive.stamp"
  made_for="$(readlink -f -- "$java") $classpath"
  fits=false
  if [ -r "$stamp" ] && read -r made_by < "$stamp" && [ "$made_by" = "$made_for" ] && ! [ "$java" -nt "$stamp" ]; then
    fits=true
    # the class path lib/* expands here to every file in lib/, the archives and stamps among them: only jars
    # are on the JVM's class path (a newer archive of the other program must not look like an upgrade)
    IFS=:
    for jar in $classpath; do
      case $jar in
        *.jar) if [ "$jar" -nt "$stamp" ]; then fits=false; fi ;;
      esac
    done
    unset IFS
  fi
  if [ "$fits" = false ] && [ -w "$HAKEEPER_HOME/lib" ]; then
    trap 'rm -f "$archive.$$" "$archive.$$.classes" "$stamp.$$"; exit 130' INT
    trap 'rm -f "$archive.$$" "$archive.$$.classes" "$stamp.$$"; exit 143' TERM
    if [ "${HAKEEPER_CDS_KIND:-dynamic}" = static ]; then
      training="-XX:DumpLoadedClassList=$archive.$$.classes"
    else
      training="-XX:ArchiveClassesAtExit=$archive.$$"
    fi
    # shellcheck disable=SC2086
    if "$java" $HAKEEPER_JVM_FLAGS ${HAKEEPER_JAVA_OPTS:-} -Xlog:cds=off -Xlog:cds+dynamic=off \
        "$training" -Dhakeeper.home="$HAKEEPER_HOME" -cp "$classpath" \
        "$HAKEEPER_MAIN" ${HAKEEPER_CDS_TRAINING:-} > /dev/null 2>&1 \
        && { [ "${HAKEEPER_CDS_KIND:-dynamic}" != static ] || "$java" $HAKEEPER_JVM_FLAGS ${HAKEEPER_JAVA_OPTS:-} \
          -Xshare:dump -XX:SharedClassListFile="$archive.$$.classes" -XX:SharedArchiveFile="$archive.$$" \
          -cp "$classpath" > /dev/null 2>&1; } \
        && [ -s "$archive.$$" ]; then
      mv -f "$archive.$$" "$archive"
    else
      rm -f "$archive.$$" "$archive"
    fi
    rm -f "$archive.$$.classes"
    echo "$made_for" > "$stamp.$$" && mv -f "$stamp.$$" "$stamp"
    trap - INT TERM
  fi
  if [ -f "$archive" ]; then
    cds_archive=$archive
  fi
fi

# HAKEEPER_JAVA_OPTS lets an operator add flags (a larger heap, a debug agent) without editing this file.
# shellcheck disable=SC2086
exec "$java" $HAKEEPER_JVM_FLAGS ${HAKEEPER_JAVA_OPTS:-} \
  ${cds_archive:+"-XX:SharedArchiveFile=$cds_archive"} ${cds_archive:+-Xlog:cds=off -Xlog:cds+dynamic=off} \
  -Dhakeeper.home="$HAKEEPER_HOME" \
  -cp "$classpath" \
  "$HAKEEPER_MAIN" "$@"
