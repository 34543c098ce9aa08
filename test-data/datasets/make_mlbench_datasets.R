# Writes the eleven mlbench datasets of the study suite (issue 19) as Weka ARFF files; with --held-out,
# the held-out datasets instead (into held-out/, with held-out/mlbench.sha256): datasets the defaults
# were not chosen on, to check that they generalize (bench/held-out): mlbench's Glass, Ionosphere,
# Soybean and HouseVotes84, and four of its generators drawn with set.seed(1) (1,000 rows each):
# waveform, ringnorm (20 inputs), spirals (one cycle, sd 0.05) and friedman1 (sd 1, a numeric target).
#
# Run from the repository root with Debian's r-base-core and r-cran-mlbench:
#     Rscript test-data/datasets/make_mlbench_datasets.R            # (re)write the files and mlbench.sha256
#     Rscript test-data/datasets/make_mlbench_datasets.R --check    # write to a temporary directory and compare
#     Rscript test-data/datasets/make_mlbench_datasets.R --held-out [--check]
#
# Conversion rules (the same for every dataset):
#   - factor -> nominal, levels in R's level order (unused levels kept); ordered factor -> nominal
#     (the order is dropped: Weka has no ordinal type; none of the eleven study data frames has one,
#     held-out Soybean has 5);
#     logical -> nominal {FALSE,TRUE}; numeric and integer -> numeric;
#   - the target is the last attribute; rows in mlbench's order; R's row names are not written
#     (Zoo's are the animal names, an identifier);
#   - missing values (NA) -> ?; numbers as sprintf("%.15g"), or "%.17g" where that alone reads back
#     as the same double; nominal values and names quoted only when ARFF needs it;
#   - no timestamps: a rerun with the same mlbench and R gives the same bytes. Files over 500,000
#     bytes are written gzip-compressed (.arff.gz, which Weka's DataSource reads), level 9, with
#     R's own gzip writer (no file name, modification time 0 in the header).
# Per-dataset decisions (names, Ozone's missing targets) are in the table below and in
# test-data/README.md. mlbench.sha256 lists the SHA-256 of every file written
# (check with: cd test-data/datasets && sha256sum -c mlbench.sha256).

suppressPackageStartupMessages(library(mlbench))

args <- commandArgs(trailingOnly = TRUE)
check <- "--check" %in% args
held_out <- "--held-out" %in% args
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
here <- if (length(script) == 1) dirname(normalizePath(script)) else "test-data/datasets"
if (held_out) here <- file.path(here, "held-out")
out <- if (check) file.path(tempdir(), "mlbench-check") else here
dir.create(out, showWarnings = FALSE, recursive = TRUE)
GZIP_ABOVE <- 500000
MLBENCH <- packageDescription("mlbench")$Version

# The held-out datasets drawn from mlbench's generators rather than stored in it.
GENERATED <- c("Waveform", "Ringnorm", "Spirals", "Friedman1")

load_data <- function(name) {
  if (name %in% GENERATED) {
    # drawn, not stored: 1,000 rows from seed 1 (the same rows for the same R and mlbench)
    set.seed(1)
    g <- switch(name,
      Waveform = mlbench.waveform(1000),
      Ringnorm = mlbench.ringnorm(1000, d = 20),
      Spirals = mlbench.spirals(1000, cycles = 1, sd = 0.05),
      Friedman1 = mlbench.friedman1(1000, sd = 1))
    x <- as.data.frame(g$x)
    names(x) <- paste0("x", seq_len(ncol(x)))
    return(if (is.null(g$y)) data.frame(x, Class = g$classes) else data.frame(x, y = g$y))
  }
  e <- new.env()
  data(list = name, package = "mlbench", envir = e)
  get(name, envir = e)
}

# The data frame with the target last and the documented names (see each dataset's R help page).
prepare <- function(name) {
  d <- load_data(name)
  switch(name,
    Vowel = {
      # mlbench's V1 is the speaker (0-14, 66 rows each); V2-V10 are the log area ratios 0 and 2-9 of
      # UCI's vowel-context.data (its ratio 1, the sex and the train/test flag are not in mlbench).
      names(d) <- c("speaker", paste0("lar", c(0, 2:9)), "Class")
    },
    DNA = {
      # 60 nucleotide positions x 3 indicators in consecutive columns (A = 100, C = 010, G = 001,
      # T = 000): no row has more than one 1 in a column triple (checked below).
      stopifnot(all(sapply(1:60, function(k) {
        x <- sapply(d[, (3 * k - 2):(3 * k)], function(f) as.integer(as.character(f)))
        max(rowSums(x)) <= 1
      })))
      names(d) <- c(as.vector(t(outer(sprintf("p%02d", 1:60), c("A", "C", "G"), paste, sep = "_"))), "Class")
    },
    Shuttle = {
      names(d)[1] <- "time"  # the help page names only the first attribute
    },
    LetterRecognition = {
      d <- d[, c(2:17, 1)]  # the class (lettr) is mlbench's first column
    },
    HouseVotes84 = {
      d <- d[, c(2:17, 1)]  # the class (party) is mlbench's first column
    },
    Soybean = {
      d <- d[, c(2:36, 1)]  # the class (disease) is mlbench's first column
    },
    Ozone = {
      names(d) <- c("month", "day_of_month", "day_of_week", "ozone", "pressure_height_500mb_vandenberg",
                    "wind_speed_lax", "humidity_lax", "temperature_sandburg", "temperature_el_monte",
                    "inversion_base_height_lax", "pressure_gradient_lax_daggett", "inversion_base_temperature_lax",
                    "visibility_lax")
      d <- d[!is.na(d$ozone), c(1:3, 5:13, 4)]  # target (V4) last; the 5 days without it dropped
    },
    {}
  )
  target <- c(Sonar = "Class", Vehicle = "Class", Vowel = "Class", Zoo = "type", Satellite = "classes",
              LetterRecognition = "lettr", DNA = "Class", Shuttle = "Class", BostonHousing = "medv",
              Servo = "Class", Ozone = "ozone", Glass = "Type", Ionosphere = "Class", Soybean = "Class",
              HouseVotes84 = "Class", Waveform = "Class", Ringnorm = "Class", Spirals = "Class", Friedman1 = "y")[[name]]
  stopifnot(names(d)[ncol(d)] == target)
  rownames(d) <- NULL
  d
}

# ARFF quoting: plain when the token cannot be misread, else single quotes with \ escapes.
q <- function(s) {
  plain <- grepl("^[A-Za-z0-9_.+-]+$", s) & s != "?"
  ifelse(plain, s, paste0("'", gsub("'", "\\\\'", gsub("\\\\", "\\\\\\\\", s)), "'"))
}

num <- function(x) {
  s <- rep("?", length(x))
  ok <- !is.na(x)
  s[ok] <- sprintf("%.15g", x[ok])
  inexact <- ok & suppressWarnings(as.numeric(s)) != x
  s[which(inexact)] <- sprintf("%.17g", x[which(inexact)])
  s
}

column <- function(x) {
  if (is.factor(x)) ifelse(is.na(x), "?", q(as.character(x)))
  else if (is.logical(x)) ifelse(is.na(x), "?", ifelse(x, "TRUE", "FALSE"))
  else if (is.numeric(x)) num(as.double(x))
  else stop("unexpected column type ", class(x)[1])
}

declaration <- function(name, x) {
  type <- if (is.factor(x)) paste0("{", paste(q(levels(x)), collapse = ","), "}")
          else if (is.logical(x)) "{FALSE,TRUE}"
          else "numeric"
  paste("@attribute", q(name), type)
}

write_arff <- function(name, file) {
  d <- prepare(name)
  header <- c(
    sprintf("%% %s: mlbench %s (R package, GPL-2), %s, written by make_mlbench_datasets.R", name, MLBENCH,
            if (name %in% GENERATED) "1,000 rows drawn after set.seed(1)" else sprintf("data(%s)", name)),
    sprintf("%% %d rows, %d inputs, target %s (last attribute); sources and licenses in test-data/README.md",
            nrow(d), ncol(d) - 1, names(d)[ncol(d)]),
    sprintf("@relation %s", name), "",
    mapply(declaration, names(d), d, USE.NAMES = FALSE), "", "@data")
  rows <- do.call(paste, c(lapply(d, column), sep = ","))
  text <- c(header, rows)
  size <- sum(nchar(text, type = "bytes") + 1)
  path <- file.path(out, if (size > GZIP_ABOVE) paste0(file, ".arff.gz") else paste0(file, ".arff"))
  con <- if (size > GZIP_ABOVE) gzfile(path, "wb", compression = 9) else file(path, "wb")
  writeLines(text, con, sep = "\n", useBytes = TRUE)
  close(con)
  classes <- if (is.factor(d[[ncol(d)]])) nlevels(d[[ncol(d)]]) else NA
  cat(sprintf("%-18s %-28s %6d rows %4d inputs %s\n", name, basename(path), nrow(d), ncol(d) - 1,
              if (is.na(classes)) "numeric target" else paste(classes, "classes")))
  basename(path)
}

datasets <- if (held_out) {
  c(Glass = "glass", Ionosphere = "ionosphere", Soybean = "soybean", HouseVotes84 = "house-votes-84",
    Waveform = "waveform", Ringnorm = "ringnorm", Spirals = "spirals", Friedman1 = "friedman1")
} else {
  c(Sonar = "sonar", Vehicle = "vehicle", Vowel = "vowel", Zoo = "zoo", Satellite = "satellite",
    LetterRecognition = "letter-recognition", DNA = "dna", Shuttle = "shuttle",
    BostonHousing = "boston-housing", Servo = "servo", Ozone = "ozone")
}
written <- mapply(write_arff, names(datasets), datasets, USE.NAMES = FALSE)
if (!check) {
  old <- setwd(out)
  sums <- system2("sha256sum", written, stdout = TRUE)
  writeLines(sums, "mlbench.sha256")
  setwd(old)
  cat(sums, sep = "\n")
  cat("wrote", length(written), "files and mlbench.sha256 in", out, "\n")
} else {
  old <- setwd(out)
  sums <- system2("sha256sum", written, stdout = TRUE)
  setwd(old)
  committed <- readLines(file.path(here, "mlbench.sha256"))
  same_bytes <- setequal(sums, committed)
  text <- function(dir, f) readLines(if (grepl("\\.gz$", f)) gzfile(file.path(dir, f)) else file.path(dir, f))
  same_text <- all(sapply(written, function(f) identical(text(out, f), text(here, f))))
  cat(sums, sep = "\n")
  cat("bytes as in mlbench.sha256:", same_bytes, "; ARFF text as in the committed files:", same_text, "\n")
  if (!same_text) quit(status = 1)
}
